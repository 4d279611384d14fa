// il2trial analyze PROTOCOL --sdtm DIR: a real trial's SDTM data through the protocol's
// endpoint derivations and planned analyses, the same code simulate runs on each
// replicate (docs/sdtm.md).
#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include "adam/adam.h"
#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "cli/load.h"
#include "cli/output_set.h"
#include "il2trial/version.h"
#include "report/analysis_report.h"
#include "report/stats_runner.h"
#include "sdtm/conventions.h"
#include "sdtm/delivery.h"
#include "sdtm/domains.h"
#include "sdtm/read_trial.h"
#include "trial/analysis.h"

namespace il2t::cli {

namespace {

constexpr const char* kCmd = "il2trial analyze";

struct Options {
  std::string file, sdtm, out, json, report, models = report::kDefaultModels;
  double alpha = 0.05, delta = 0.15;
  bool lenient = false;
  bool out_given = false, json_given = false, report_given = false;  // given, even if empty
};

// A problem printed as compilers print them, with any control character in it shown
// as \xNN rather than sent to the terminal.
void print(const Error& e) { std::cerr << sdtm::printable(format(e)) << "\n"; }

// Every problem, but at most kShown of one file and variable, then how many more.
void print_all(const std::vector<Error>& problems) {
  constexpr int kShown = 20;
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const Error& e : problems)
    if (++seen[{e.file, e.field}] <= kShown) print(e);
  for (const auto& [key, n] : seen)
    if (n > kShown)
      std::cerr << key.first << ": " << n - kShown << " more problem" << (n - kShown == 1 ? "" : "s") << " with "
                << (key.second.empty() ? "the file" : key.second) << "\n";
}

int run(const Options& o) {
  const auto settings = analysis_settings(o.alpha, o.delta, o.models, kCmd);
  if (!settings) return 2;
  for (const auto& [given, name, value] : {std::tuple{o.out_given, "--out", &o.out}, std::tuple{o.json_given, "--json", &o.json},
                                           std::tuple{o.report_given, "--report", &o.report}})
    if (given && value->empty()) {
      std::cerr << kCmd << ": error: " << name << ": give a path\n";
      return 2;
    }
  if (!o.json.empty() && o.json == o.report) {
    std::cerr << kCmd << ": error: --json and --report name the same " << (o.json == "-" ? "standard output" : "file " + o.json)
              << "\n";
    return 2;
  }
  auto loaded = load_protocol(o.file, std::cerr, true);
  if (!loaded) return 1;
  const auto made = trial::make_design(loaded->protocol);
  if (!made.design) {
    std::cerr << o.file << ": error: " << made.error << "\n";
    return 1;
  }
  const trial::TrialDesign& d = *made.design;
  std::vector<std::string> names;
  for (const sdtm::DomainSpec* spec : sdtm::all_domains()) names.emplace_back(spec->name);
  const sdtm::Delivery delivery = sdtm::read_delivery(o.sdtm, names, {});
  for (const Error& e : delivery.errors) print(e);
  if (!delivery.errors.empty()) return 1;
  // A file that looks like a dataset (lb.sas7bdat, rs.xpt.gz) but was not read.
  std::vector<std::string> not_read;
  for (const std::string& f : delivery.ignored) {
    std::string stem = f.substr(0, f.find('.'));
    for (char& ch : stem) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (std::find(names.begin(), names.end(), stem) == names.end()) continue;
    not_read.push_back(f + " (a dataset in a format il2trial does not read: give .xpt, .csv or .json)");
    std::cerr << o.sdtm << "/" << f << ": warning: not read: il2trial reads .xpt, .csv and .json\n";
  }
  trial::TrialRecords records;
  const sdtm::ReadReport read = sdtm::read_trial(d, delivery.study, o.lenient, records);
  print_all(read.problems);
  if (!read.ok()) {
    std::cerr << kCmd << ": " << read.problems.size() << " problem" << (read.problems.size() == 1 ? "" : "s")
              << " in " << o.sdtm << (o.lenient ? "" : " (--lenient leaves the affected records out and lists them)") << "\n";
    return 1;
  }
  if (records.subjects.empty()) {
    std::cerr << kCmd << ": error: " << o.sdtm << ": no participant to analyse\n";
    return 1;
  }
  const auto analyses = trial::analyse_trial(d, records, *settings);
  report::AnalysisProvenance pv;
  pv.protocol_file = o.file;
  pv.protocol_sha256 = loaded->sha256;
  pv.sdtm_dir = o.sdtm;
  pv.version = std::string("il2trial ") + kVersion;
  pv.alpha = o.alpha;
  pv.delta = o.delta;
  pv.models = o.models;
  pv.unscheduled_used = read.unscheduled_used;
  pv.unscheduled_unused = read.unscheduled_unused;
  pv.unused_records = read.unused_records;
  pv.excluded_subjects = read.excluded_subjects;
  pv.excluded_records = read.excluded_records;
  pv.problems = read.problems;
  pv.events_delivered = delivery.study.count("AE") > 0;
  pv.ignored = not_read;
  // A delivery carries no randomisation stratum per participant in a fixed place: say so
  // where an analysis would take it.
  if (!d.strata.factors.empty())
    for (const trial::EndpointPlan& e : d.endpoints)
      if (e.method == trial::Method::cmh || e.method == trial::Method::logistic)
        std::cerr << kCmd << ": warning: endpoint " << e.id << " (" << trial::to_string(e.method)
                  << "): the SDTM delivery gives no randomisation stratum per participant, so it is analysed"
                  << " unstratified\n";
  const auto j = report::analysis_json(d, pv, records, analyses);
  // Every output file, or none.
  OutputSet outputs;
  Error e;
  if (!o.out.empty()) e = outputs.folder(o.out, adam::derive_adam(d, records, {read.study, read.usubjid}), {sdtm::Format::csv, sdtm::Format::xpt});
  if (e.empty() && !o.json.empty() && o.json != "-") e = outputs.file(o.json, j.dump(2) + "\n");
  if (e.empty() && !o.report.empty() && o.report != "-") e = outputs.file(o.report, report::analysis_html(d, records, j));
  if (e.empty()) e = outputs.commit();
  if (!e.empty()) {
    std::cerr << kCmd << ": error: " << e << " (no output was written)\n";
    return 1;
  }
  if (o.json == "-") std::cout << j.dump(2) << "\n";
  else if (o.report == "-") std::cout << report::analysis_html(d, records, j);
  else std::cout << report::analysis_text(j);
  std::cout.flush();
  if (!std::cout) {
    std::cerr << kCmd << ": error: writing standard output failed\n";
    return 1;
  }
  return 0;
}

}  // namespace

void add_analyze(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("analyze", "Analyse a real trial's SDTM data: the protocol's endpoints and planned analyses");
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, "Protocol file (TOML)")->required();
  cmd->add_option("--sdtm", o->sdtm, "Folder of SDTM datasets (dm, ds, ex, sv, vs, ae, cm, lb, rs, qs as .csv, .xpt or Dataset-JSON .json)")
      ->required();
  cmd->add_option("--out", o->out, "Write the analysis datasets (ADSL, ADRS, ADLB, ADAE, ADTTE) as CSV and XPT into this folder");
  cmd->add_option("--json", o->json, "Write the results as JSON to this file (- for standard output)");
  cmd->add_option("--report", o->report, "Write a self-contained HTML report (tables and plots) to this file");
  cmd->add_flag("--lenient", o->lenient, "Leave records with problems out, list them in the report, and go on");
  cmd->add_option("--alpha", o->alpha, "Two-sided significance level (default 0.05; MCP-Mod one-sided at half); an endpoint's own analysis.alpha takes precedence");
  cmd->add_option("--delta", o->delta, "MCP-Mod: the clinically relevant gain in response rate for the target dose (default 0.15)");
  cmd->add_option("--models", o->models, std::string("MCP-Mod candidate models (default ") + report::kDefaultModels + ")");
  cmd->callback([o, cmd, &status] {
    o->out_given = cmd->count("--out") > 0;
    o->json_given = cmd->count("--json") > 0;
    o->report_given = cmd->count("--report") > 0;
    status = run(*o);
  });
}

}  // namespace il2t::cli
