// il2trial analyze PROTOCOL --sdtm DIR: a real trial's SDTM data through the protocol's
// endpoint derivations and planned analyses, the same code simulate runs on each
// replicate (docs/sdtm.md).
#include <iostream>
#include <memory>

#include "adam/adam.h"
#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "cli/load.h"
#include "il2trial/version.h"
#include "report/analysis_report.h"
#include "report/stats_runner.h"
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
};

int run(const Options& o) {
  const auto settings = analysis_settings(o.alpha, o.delta, o.models, kCmd);
  if (!settings) return 2;
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
  for (const Error& e : delivery.errors) std::cerr << format(e) << "\n";
  if (!delivery.errors.empty()) return 1;
  trial::TrialRecords records;
  const sdtm::ReadReport read = sdtm::read_trial(d, delivery.study, o.lenient, records);
  for (const Error& e : read.problems) std::cerr << format(e) << "\n";
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
  report::AnalysisProvenance pv{o.file, loaded->sha256, o.sdtm, std::string("il2trial ") + kVersion, o.alpha, o.delta,
                                o.models, read.unscheduled_used, read.unused_records, read.excluded_subjects,
                                read.excluded_records, read.problems};
  const auto j = report::analysis_json(d, pv, records, analyses);
  const std::string html = o.report.empty() ? std::string() : report::analysis_html(d, records, j);
  if (!o.out.empty()) {  // the analysis datasets first: a failure there leaves no result file
    const auto adam = adam::derive_adam(d, records, {read.study, read.usubjid});
    if (const Error e = sdtm::write_delivery(adam, o.out, {sdtm::Format::csv, sdtm::Format::xpt}); !e.empty()) {
      std::cerr << kCmd << ": error: --out: " << e << "\n";
      return 1;
    }
  }
  if (!o.json.empty() && !emit(j.dump(2) + "\n", o.json, std::cerr)) return 1;
  if (!o.report.empty() && !emit(html, o.report, std::cerr)) return 1;
  if (o.json != "-") std::cout << report::analysis_text(j);
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
  cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace il2t::cli
