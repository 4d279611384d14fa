// il2trial simulate FILE: replicate trials of a protocol; il2trial merge: shards back
// into one result.
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "cli/load.h"
#include "cli/model_options.h"
#include "cli/output_set.h"
#include "cli/posterior_option.h"
#include "cli/progress.h"
#include "cli/slurm_shard.h"
#include "il2trial/version.h"
#include "report/sim_html.h"
#include "report/sim_json.h"
#include "report/replicate_csv.h"
#include "report/sample_size_report.h"
#include "report/sim_text.h"
#include "report/stats_runner.h"
#include "data/atomic_file.h"
#include "sdtm/delivery.h"
#include "sdtm/write_trial.h"
#include "trial/engine.h"
#include "protocol/validate.h"
#include "trial/sample_size.h"
#include "trial/scenario.h"
#include "trial/simulate.h"

namespace il2t::cli {

namespace {

constexpr const char* kCmd = "il2trial simulate";

struct Options {
  std::string file, n_text, json, report, shard_text, out, records, model_dir = model::default_model_dir(), posterior;
  std::string replicate_results;  // CSV: one row per replicate and comparison
  std::string target_power_text;  // given: search the size that reaches it
  bool target_power_given = false;
  double target_power = 0;
  std::string size_range;         // LO:HI for the search
  bool fixed = false;
  std::string seed_text = "1", models = report::kDefaultModels;
  std::vector<std::string> sets, parts, assume;
  std::int64_t replicates = 500;
  int threads = 0, truth_per_arm = 2000;
  double alpha = 0.05, delta = 0.15;
  bool null_effect = false;
};

template <class T>
bool whole(const std::string& s, T& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

// "160" or "80:200:40".
std::optional<std::vector<int>> parse_ns(const std::string& text, int planned) {
  if (text.empty()) return std::vector<int>{planned};
  std::vector<int> out;
  const auto c1 = text.find(':');
  if (c1 == std::string::npos) {
    int n = 0;
    if (!whole(text, n) || n < 2 || n > report::kMaxParticipants) return std::nullopt;
    return std::vector<int>{n};
  }
  const auto c2 = text.find(':', c1 + 1);
  int from = 0, to = 0, step = 0;
  if (c2 == std::string::npos || !whole(text.substr(0, c1), from) || !whole(text.substr(c1 + 1, c2 - c1 - 1), to) ||
      !whole(text.substr(c2 + 1), step) || from < 2 || to < from || step < 1 || to > report::kMaxParticipants ||
      (to - from) / step >= 50)
    return std::nullopt;
  for (int n = from; n <= to; n += step) out.push_back(n);
  return out;
}

struct Prepared {
  LoadedProtocol loaded;
  std::optional<model::Model> model;
  trial::TrialDesign design;
};

// The protocol, the model (unless `need_model` is false: merging needs none) and the
// design, which points into the protocol: hence held in place on the heap.
std::unique_ptr<Prepared> prepare(const std::string& file, const std::string& model_dir,
                                const std::vector<std::pair<std::string, double>>& overrides, const char* cmd,
                                const std::vector<std::string>& assume, bool need_model = true) {
  auto loaded = load_protocol(file, std::cerr, true);
  if (!loaded) return nullptr;
  if (!assume.empty()) {  // the protocol's [[assumed]] with --assume added, checked as the file's are
    for (const std::string& a : assume)
      if (auto added = trial::add_assumption(loaded->protocol, a); !added) {
        std::cerr << cmd << ": error: " << added.error().text() << "\n";
        return nullptr;
      }
    Diagnostics diag(file + " with --assume");
    protocol::validate(loaded->protocol, diag);
    bool bad = false;
    for (const auto& x : diag.items())
      if (x.severity == Severity::error) {
        std::cerr << format(x) << "\n";
        bad = true;
      }
    if (bad) return nullptr;
  }
  std::optional<model::Model> m;
  if (need_model) {
    m = load_model_reporting(model_dir, overrides, cmd);
    if (!m) return nullptr;
  }
  auto p = std::make_unique<Prepared>(Prepared{std::move(*loaded), std::move(m), {}});
  auto made = trial::make_design(p->loaded.protocol);
  if (!made.design) {
    std::cerr << file << ": error: " << made.error << "\n";
    return nullptr;
  }
  p->design = std::move(*made.design);
  return p;
}

// Writes the JSON, report and per-replicate files asked for, all or none (standard
// output for "-"), then the table unless one of them went to standard output.
struct Records {
  std::string dir;
  const std::vector<sdtm::Dataset>* sets = nullptr;  // written as DIR/csv and DIR/xpt
};
int finish(const trial::TrialDesign& d, const report::SimProvenance& pv, const trial::SimulationResult& r,
           const std::string& json_path, const std::string& report_path, const std::string& replicates_path = {},
           const Records& records = {}) {
  const auto j = report::simulation_json(d, pv, r);
  const std::string json_text = j.dump(2) + "\n";
  const std::string html = report_path.empty() ? std::string() : report::simulation_html(d, pv, r, j);
  const std::string csv = replicates_path.empty() ? std::string() : report::replicate_results_csv(d, r);
  OutputSet outputs;
  Error e;
  const std::string* to_stdout = nullptr;
  for (const auto& [path, content] : {std::pair{&json_path, &json_text}, {&report_path, &html}, {&replicates_path, &csv}}) {
    if (path->empty()) continue;
    if (*path == "-") to_stdout = content;
    else if (e.empty()) e = outputs.file(*path, *content);
  }
  if (e.empty() && records.sets) e = outputs.folder(records.dir + "/csv", *records.sets, {sdtm::Format::csv});
  if (e.empty() && records.sets) e = outputs.folder(records.dir + "/xpt", *records.sets, {sdtm::Format::xpt});
  if (e.empty()) e = outputs.commit();
  if (!e.empty()) {
    std::cerr << kCmd << ": error: " << e << " (no output was written)\n";
    return 1;
  }
  if (records.sets)
    std::cerr << kCmd << ": replicate " << r.first << " written as SDTM to " << records.dir << "/csv and " << records.dir
              << "/xpt (il2trial analyze PROTOCOL --sdtm " << records.dir << "/xpt)\n";
  std::cout << (to_stdout ? *to_stdout : report::simulation_text(j));
  std::cout.flush();
  if (!std::cout) {
    std::cerr << kCmd << ": error: writing standard output failed\n";
    return 1;
  }
  return 0;
}

// The first replicate's trial records as SDTM (CSV and XPT) in `dir`: every file or none.
// The first replicate's trial records as SDTM datasets, for --records.
std::optional<std::vector<sdtm::Dataset>> records_of(const trial::TrialDesign& d, const model::Model& m,
                                                     const trial::SimulationSettings& s, std::int64_t replicate) {
  trial::TrialRunner runner(d, m);
  trial::TrialRecords r;
  Error error;
  if (!runner.run(static_cast<std::uint64_t>(replicate), {s.seed, s.ns.front(), s.null_effect, false}, r, error)) {
    std::cerr << kCmd << ": error: --records: replicate " << replicate << ": " << error << "\n";
    return std::nullopt;
  }
  return sdtm::write_trial(d, r, {});
}

// --target-power: the smallest size reaching it, printed (and written as --json).
int size_search(const Options& o, const trial::TrialDesign& d, const model::Model& m, const trial::SimulationSettings& s) {
  int lo = std::max(4, 2 * static_cast<int>(d.arms.size())), hi = std::min(report::kMaxParticipants, 4 * d.planned_n);
  if (!o.size_range.empty()) {
    const auto colon = o.size_range.find(':');
    if (colon == std::string::npos || !whole(o.size_range.substr(0, colon), lo) ||
        !whole(o.size_range.substr(colon + 1), hi) || lo < 2 || hi <= lo || hi > report::kMaxParticipants) {
      std::cerr << kCmd << ": error: --size-range " << o.size_range << ": give LO:HI with 2 ≤ LO < HI ≤ "
                << report::kMaxParticipants << "\n";
      return 2;
    }
  }
  if (lo >= hi) {
    std::cerr << kCmd << ": error: --size-range: the protocol's enrolment leaves no range to search; give LO:HI\n";
    return 2;
  }
  std::atomic<std::int64_t> done{0};
  trial::SizeSearch found;
  const std::int64_t per_size = (s.draws ? 2 : 1) * s.replicates;
  const double seconds = with_progress("searching the size", 2 * (10 * per_size + trial::truth_chunks(s.truth_per_arm)), done,
                                       [&] { found = trial::find_sample_size(d, m, s, o.target_power, lo, hi, &done); });
  if (!found.ok) {
    std::cerr << o.file << ": error: " << found.error << "\n";
    return 1;
  }
  std::cerr << kCmd << ": " << found.points.size() << " sizes in " << seconds << " s\n";
  const auto j = report::sample_size_json(d, found, s.replicates);
  if (!o.json.empty() && o.json != "-") {
    OutputSet outputs;
    Error e = outputs.file(o.json, j.dump(2) + "\n");
    if (e.empty()) e = outputs.commit();
    if (!e.empty()) {
      std::cerr << kCmd << ": error: " << e << " (no output was written)\n";
      return 1;
    }
  }
  std::cout << (o.json == "-" ? j.dump(2) + "\n" : report::sample_size_text(j));
  std::cout.flush();
  return std::cout ? 0 : 1;
}

int run(Options o) {
  const auto seed = parse_seed(o.seed_text, kCmd);
  const auto overrides = parse_sets(o.sets, kCmd);
  if (!seed || !overrides) return 2;
  if (o.replicates < 1 || o.replicates > 10000000) {
    std::cerr << kCmd << ": error: --replicates " << o.replicates << ": give 1 to 10000000\n";
    return 2;
  }
  if (o.truth_per_arm < 100 || o.truth_per_arm > report::kMaxTruthPerArm) {
    std::cerr << kCmd << ": error: --truth-n " << o.truth_per_arm << ": give 100 to " << report::kMaxTruthPerArm
              << " participants per arm\n";
    return 2;
  }
  const int threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  if (o.threads < 0 || o.threads > 1024) {
    std::cerr << kCmd << ": error: --threads " << o.threads << ": give 1 to 1024 (0: one per core)\n";
    return 2;
  }
  if (o.shard_text.empty()) {  // a task of a Slurm array runs its own shard
    const auto slurm = slurm_shard([](const char* name) { return std::getenv(name); });
    if (!slurm) {
      std::cerr << kCmd << ": error: " << slurm.error().message << "\n";
      return 2;
    }
    if (*slurm) {
      o.shard_text = **slurm;
      std::cerr << kCmd << ": shard " << o.shard_text << " of a Slurm array (SLURM_ARRAY_TASK_ID)\n";
    }
  }
  int shard = 0, shards = 1;
  if (!o.shard_text.empty()) {
    const auto slash = o.shard_text.find('/');
    if (slash == std::string::npos || !whole(o.shard_text.substr(0, slash), shard) ||
        !whole(o.shard_text.substr(slash + 1), shards) || shards < 1 || shard < 0 || shard >= shards) {
      std::cerr << kCmd << ": error: --shard " << o.shard_text << ": write i/n with 0 ≤ i < n (e.g. 0/4)\n";
      return 2;
    }
    if (o.out.empty()) {
      std::cerr << kCmd << ": error: --shard needs --out FILE for the partial result (merged by il2trial merge)\n";
      return 2;
    }
    o.out = out_for_shard(o.out, shard);  // "{shard}": one file per task
    o.replicate_results = out_for_shard(o.replicate_results, shard);
    if (!o.json.empty() || !o.report.empty() || !o.records.empty()) {
      std::cerr << kCmd << ": error: --shard writes a partial result to --out; --json and --report come from il2trial merge"
                << " (and --records from an unsharded run)\n";
      return 2;
    }
  }
  if (int dashes = (o.json == "-") + (o.report == "-") + (o.replicate_results == "-") + (o.out == "-"); dashes > 1) {
    std::cerr << kCmd << ": error: only one output may go to standard output (-)\n";
    return 2;
  }
  if (o.shard_text.empty() && !o.out.empty()) {
    std::cerr << kCmd << ": error: --out is for a shard's partial result (with --shard i/n); use --json or --report\n";
    return 2;
  }
  if (o.target_power_given) {
    char* end = nullptr;
    o.target_power = std::strtod(o.target_power_text.c_str(), &end);
    if (o.target_power_text.empty() || *end != '\0' || !(o.target_power > 0 && o.target_power < 1)) {
      std::cerr << kCmd << ": error: --target-power " << o.target_power_text
                << ": give a power between 0 and 1 (e.g. 0.8)\n";
      return 2;
    }
  }
  if (!o.target_power_given && !o.size_range.empty()) {
    std::cerr << kCmd << ": error: --size-range is the range --target-power searches; give --target-power too\n";
    return 2;
  }
  if (o.target_power_given && (!o.n_text.empty() || !o.shard_text.empty() || !o.report.empty() || !o.records.empty() ||
                             !o.replicate_results.empty() || o.null_effect)) {
    std::cerr << kCmd << ": error: --target-power searches the size itself: it takes --size-range, --replicates and"
              << " --json, not --n, --shard, --report, --records, --replicate-results or --null\n";
    return 2;
  }
  const auto analysis = analysis_settings(o.alpha, o.delta, o.models, kCmd);
  if (!analysis) return 2;
  int status = 1;
  auto inputs = read_model_and_posterior(o.model_dir, o.posterior, o.fixed, *overrides, kCmd, status);
  if (!inputs) return status;
  const model::ParameterSet& base = inputs->base;
  const PosteriorChoice* choice = &inputs->posterior;
  auto prep = prepare(o.file, o.model_dir, median_overrides(*choice, *overrides), kCmd, o.assume);
  if (!prep) return 1;
  const trial::TrialDesign& d = prep->design;
  const auto ns = parse_ns(o.n_text, d.planned_n);
  if (!ns) {
    std::cerr << kCmd << ": error: --n " << o.n_text << ": give a size (2 to " << report::kMaxParticipants
              << ") or FROM:TO:STEP (at most 50 sizes)\n";
    return 2;
  }
  trial::SimulationSettings s;
  s.seed = *seed;
  s.replicates = o.replicates;
  s.shard = shard;
  s.shards = shards;
  s.threads = threads;
  s.ns = *ns;
  s.null_effect = o.null_effect;
  s.truth_per_arm = o.truth_per_arm;
  s.analysis = *analysis;
  s.keep_replicates = !o.replicate_results.empty();
  if (choice->draws) {
    s.base = &base;
    s.draws = &*choice->draws;
  }
  if (o.target_power_given) return size_search(o, d, *prep->model, s);
  report::SimProvenance pv{o.file, prep->loaded.sha256, prep->model->parameters.fingerprint(), kVersion, *seed,
                           o.replicates, o.null_effect, o.truth_per_arm, o.alpha, o.delta, o.models, *ns,
                           choice->file, choice->sha256,
                           choice->draws ? static_cast<std::int64_t>(choice->draws->rows.size()) : 0, o.assume};

  std::atomic<std::int64_t> done{0};
  const auto [first, last] = trial::shard_range(o.replicates, shard, shards);
  trial::SimulationResult r;
  const std::int64_t runs = choice->draws ? 2 : 1;
  const double seconds = with_progress("simulating", trial::truth_chunks(o.truth_per_arm) +
                                                         runs * (last - first) * static_cast<std::int64_t>(ns->size()),
                                       done,
                                       [&] { r = trial::simulate(d, *prep->model, s, &done); });
  if (!r.ok) {
    std::cerr << o.file << ": error: " << r.error << "\n";
    return 1;
  }
  std::cerr << kCmd << ": " << runs * (last - first) * static_cast<std::int64_t>(ns->size()) << " replicate trials on "
            << threads << " thread" << (threads > 1 ? "s" : "") << " in " << seconds << " s\n";
  for (const auto* sums : {&r.summaries, &r.assurance})
    for (const trial::Summary& sum : *sums)
    if (sum.failed > 0)
      std::cerr << kCmd << ": warning: n = " << sum.n << ": " << sum.failed << " replicate trials failed; replicate "
                << sum.first_failed << ": " << sum.first_error << "\n";
  if (!o.shard_text.empty()) {  // the partial result, and this shard's replicates' rows when asked: both or neither
    OutputSet outputs;
    const std::string part = report::shard_json(pv, shard, shards, r).dump() + "\n";
    const std::string rows = o.replicate_results.empty() ? std::string() : report::replicate_results_csv(d, r);
    Error e;
    if (o.out != "-") e = outputs.file(o.out, part);
    if (e.empty() && !o.replicate_results.empty() && o.replicate_results != "-") e = outputs.file(o.replicate_results, rows);
    if (e.empty()) e = outputs.commit();
    if (!e.empty()) {
      std::cerr << kCmd << ": error: " << e << " (no output was written)\n";
      return 1;
    }
    std::cout << (o.out == "-" ? part : o.replicate_results == "-" ? rows : std::string());
    std::cout.flush();
    return std::cout ? 0 : 1;
  }
  std::optional<std::vector<sdtm::Dataset>> sets;
  if (!o.records.empty() && !(sets = records_of(d, *prep->model, s, first))) return 1;
  return finish(d, pv, r, o.json, o.report, o.replicate_results, {o.records, sets ? &*sets : nullptr});
}

int merge(const Options& o) {
  auto prep = prepare(o.file, o.model_dir, {}, "il2trial merge", o.assume, false);
  if (!prep) return 1;
  const trial::TrialDesign& d = prep->design;
  if (o.parts.empty()) {
    std::cerr << "il2trial merge: error: give the shards' files\n";
    return 2;
  }
  report::SimProvenance pv;
  trial::SimulationResult total;
  std::vector<bool> seen;
  for (const std::string& part : o.parts) {
    std::ifstream in(part);
    nlohmann::json j = in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
    if (!in || j.is_discarded()) {
      std::cerr << part << ": error: " << (in ? "not JSON" : "cannot be read") << "\n";
      return 1;
    }
    // The --assume the shard ran with shapes its counts: compared before they are read.
    std::vector<std::string> assumed;
    if (j.is_object() && j.contains("provenance") && j["provenance"].is_object() && j["provenance"].contains("assume") &&
        j["provenance"]["assume"].is_array())
      for (const auto& a : j["provenance"]["assume"])
        if (a.is_string()) assumed.push_back(a.get<std::string>());
    if (assumed != o.assume) {
      std::string given;
      for (const std::string& a : assumed) given += " --assume " + a;
      std::cerr << part << ": error: provenance.assume: the shard was simulated with"
                << (given.empty() ? std::string(" no --assume") : given) << "; give merge the same, in the same order\n";
      return 1;
    }
    report::SimProvenance p;
    trial::SimulationResult r;
    int shard = 0, shards = 0;
    Error error;
    if (!report::read_shard(j, d, p, shard, shards, r, error)) {
      error.file = part;
      std::cerr << format(error) << "\n";
      return 1;
    }
    if (p.protocol_sha256 != prep->loaded.sha256) {
      std::cerr << part << ": error: provenance.protocol_sha256: a shard of another protocol file (" << p.protocol_file << ")\n";
      return 1;
    }
    if (seen.empty()) {
      pv = p;
      total = r;
      seen.assign(static_cast<std::size_t>(shards), false);
    } else {
      // Everything but the protocol's file name must agree; truths compared as written (NaN as null).
      auto same_run = [](const report::SimProvenance& x, const trial::SimulationResult& rx) {
        report::SimProvenance y = x;
        y.protocol_file.clear();
        y.posterior_file.clear();  // the SHA-256 identifies the posterior
        auto key = report::shard_json(y, 0, 1, {});
        key["truth"] = {{"effects", rx.truth.effects}, {"arm_mean", rx.truth.arm_mean}};
        return key.dump();
      };
      if (same_run(p, r) != same_run(pv, total) || static_cast<int>(seen.size()) != shards) {
        std::cerr << part << ": error: provenance: not a shard of the same run as " << o.parts.front()
                  << " (seed, replicates, settings, parameters and shard count must agree)\n";
        return 1;
      }
      for (std::size_t k = 0; k < total.summaries.size(); ++k) total.summaries[k].merge(r.summaries[k]);
      for (std::size_t k = 0; k < total.assurance.size(); ++k) total.assurance[k].merge(r.assurance[k]);
      for (const auto& [row, values] : r.draw_values) {
        const auto [it, fresh] = total.draw_values.try_emplace(row, values);
        if (!fresh && it->second != values) {
          std::cerr << part << ": error: draw_values." << row << ": another value of posterior draw " << row << " than "
                    << o.parts.front() << "'s\n";
          return 1;
        }
      }
    }
    if (seen[static_cast<std::size_t>(shard)]) {
      std::cerr << part << ": error: shard: shard " << shard << "/" << shards << " given twice\n";
      return 1;
    }
    seen[static_cast<std::size_t>(shard)] = true;
  }
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i]) {
      std::cerr << "il2trial merge: error: shard " << i << "/" << seen.size() << " is missing\n";
      return 1;
    }
  pv.protocol_file = o.file;  // the file merge read (its SHA-256 is the shards')
  return finish(d, pv, total, o.json, o.report);
}

}  // namespace

void add_simulate(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("simulate", "Simulate the trial many times: power, estimates, infections, a report");
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, "Protocol file (TOML)")->required();
  cmd->add_option("--replicates", o->replicates, "Replicate trials (default 500)");
  cmd->add_option("--seed", o->seed_text, "Random seed, 0 to 18446744073709551615 (default 1)");
  cmd->add_option("--threads", o->threads, "Threads (default: one per core); results do not depend on it");
  cmd->add_option("--n", o->n_text, "Participants per trial: N, or FROM:TO:STEP for a power curve (default: the protocol's enrolment)");
  cmd->add_flag("--null", o->null_effect, "IL-2 without effect (its doses given as placebo): the rejection rate is the type I error");
  cmd->add_option("--json", o->json, "Write the results as JSON to this file (- for standard output)");
  cmd->add_option("--report", o->report, "Write a self-contained HTML report to this file");
  auto* target = cmd->add_option("--target-power", o->target_power_text, "Find the smallest size whose primary analysis reaches this power (with the posterior: assurance), e.g. 0.8, with its Monte Carlo range");
  cmd->add_option("--size-range", o->size_range, "LO:HI, the sizes --target-power searches (default: 2 per arm, at least 4, to 4 times the enrolment)");
  cmd->add_option("--replicate-results", o->replicate_results, "Write one CSV row per replicate trial and comparison (estimate, interval, p-value, decision, n, look) to this file (- for standard output)");
  cmd->add_option("--records", o->records, "Also write the first replicate trial's records as SDTM datasets (DM, DS, EX, SV, VS, AE, CM, LB, RS, QS) into DIR/csv and DIR/xpt: il2trial analyze reads either back");
  cmd->add_option("--shard", o->shard_text, "Run part i of n of the replicates (i/n, from 0) and write it to --out; in a Slurm job array, taken from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT when not given");
  cmd->add_option("--out", o->out, "With --shard: the partial result, for il2trial merge (\"{shard}\" in it becomes the shard's number)");
  cmd->add_option("--truth-n", o->truth_per_arm, "Participants per arm of the large trial that gives each effect's truth (default 2000)");
  cmd->add_option("--alpha", o->alpha, "Two-sided significance level of the tests (default 0.05; MCP-Mod one-sided at half); an endpoint's own analysis.alpha takes precedence");
  cmd->add_option("--delta", o->delta, "MCP-Mod: the clinically relevant gain in response rate for the target dose (default 0.15)");
  cmd->add_option("--models", o->models, std::string("MCP-Mod candidate models with guesstimates on the dose scale, MIU per dose (default ") + report::kDefaultModels + ")");
  cmd->add_option("--set", o->sets, "Override a model parameter, name=value (repeatable)");
  cmd->add_option("--assume", o->assume, "State an arm's endpoint instead of the model's, ENDPOINT:ARM=RATE (a response) or ENDPOINT:ARM=MEAN,SD (a value), for every compared arm of the endpoint (repeatable); the results show both");
  cmd->add_option("--model-dir", o->model_dir, "Directory of the parameter files (default: the shipped models/)");
  cmd->add_option("--posterior", o->posterior,
                  "Posterior parameter sets (CSV from il2trial calibrate --posterior; default: the shipped "
                  "data/calibration/posterior.csv): the replicates run again, each under its own draw and trial effect, "
                  "for the probability of success; power uses the posterior median");
  cmd->add_flag("--fixed", o->fixed, "No posterior: power at the parameter files' values alone, as if the model were known");
  cmd->callback([o, target, &status] {
    o->target_power_given = target->count() > 0;
    status = run(*o);
  });

  auto* mg = app.add_subcommand("merge", "Combine the shards of a simulation (simulate --shard i/n) into its whole result");
  auto m = std::make_shared<Options>();
  mg->add_option("file", m->file, "Protocol file the shards simulated")->required();
  mg->add_option("parts", m->parts, "The shards' files (--out of each simulate --shard)")->required();
  mg->add_option("--json", m->json, "Write the results as JSON to this file (- for standard output)");
  mg->add_option("--report", m->report, "Write a self-contained HTML report to this file");
  mg->add_option("--assume", m->assume, "The --assume the shards were simulated with (repeatable, in the same order)");
  mg->callback([m, &status] { status = merge(*m); });
}

}  // namespace il2t::cli
