// il2trial calibrate: fits the free parameters (data/calibration/free.toml) to the
// calibration targets, writes the fitted file, optionally the sensitivity table and the
// fitted values into the parameter files.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "calibration/evaluator.h"
#include "calibration/fit.h"
#include "calibration/fit_file.h"
#include "calibration/free.h"
#include "calibration/journal.h"
#include "calibration/sensitivity.h"
#include "calibration/studies.h"
#include "cli/calibrate_inputs.h"
#include "cli/commands.h"
#include "cli/load.h"
#include "cli/check_options.h"
#include "cli/model_options.h"
#include "data/read_file.h"
#include "il2trial/version.h"

namespace il2t::cli {

namespace {

constexpr const char* kCmd = "il2trial calibrate";

void show(const char* what, int i, int n, const std::string& extra) {
  if (!isatty(STDERR_FILENO)) return;
  std::fprintf(stderr, "\r%s %d/%d %s   ", what, i, n, extra.c_str());
  std::fflush(stderr);
}

std::string command_line(const CalibrateOptions& o, std::uint64_t seed) {
  std::string c = fmt::format("il2trial calibrate --replicates {} --seed {} --max-evaluations {}", o.replicates, seed,
                              o.max_evaluations);
  if (o.sensitivity) c += " --sensitivity";
  for (const auto& s : o.sets) c += " --set " + s;
  return c;
}

std::string summary(const calibration::FitRecord& r) {
  std::string o = fmt::format("objective {:.3f} -> {:.3f} after {} evaluations ({}{})\n", r.result.initial_value,
                              r.final_objective, r.result.evaluations, r.result.stop_reason,
                              r.result.replayed ? fmt::format(", {} from the journal", r.result.replayed) : "");
  o += fmt::format("{:<40} {:>12} {:>12}  {}\n", "parameter", "initial", "fitted", "bounds");
  for (std::size_t i = 0; i < r.free.size(); ++i) {
    const auto& p = r.free[i];
    o += fmt::format("{:<40} {:>12.4g} {:>12.4g}  [{:.4g}, {:.4g}] {}{}\n", p.name, r.result.initial[i], r.result.best[i],
                     p.lower, p.upper, p.log_scale ? "log" : "linear", p.fit ? "" : " (probe only)");
  }
  auto terms = r.terms.terms;
  std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
  o += "largest distances at the fitted values:";
  for (std::size_t i = 0; i < terms.size() && i < 8; ++i) o += fmt::format("{} {} {:.2f}", i % 4 ? "," : "\n ", terms[i].id, terms[i].value);
  o += fmt::format("\nlikelihood {:.3f} + goal penalty {:.3f}", r.terms.likelihood, r.terms.goal_penalty);
  for (const auto& t : r.terms.terms)
    if (t.goal)
      o += fmt::format("\n  goal {}: expected {:.4f} (MC SE {:.4f}) against {:.4g} within {:.4g}: {}", t.id, t.goal->expected,
                       t.goal->mc_se, t.goal->published, t.goal->within, t.goal->met ? "met" : "NOT met");
  o += fmt::format("\ninside: {} of {} (at the fitted values, {} replicates)\n", r.inside, r.simulated, r.replicates);
  return o;
}

int run(const CalibrateOptions& given) {
  if (given.posterior) return run_posterior_calibration(given);
  if (given.sbc > 0 || !given.sbc_out.empty() || !given.sbc_world.empty() || !given.sbc_journal.empty() ||
      given.likelihood_check > 0) {
    std::cerr << kCmd << ": error: --sbc, --sbc-out, --sbc-world, --sbc-journal and --likelihood-check check the posterior method: give "
                         "them with --posterior\n";
    return 2;
  }
  CalibrateOptions o = given;
  if (o.replicates == 0) o.replicates = 40;
  if (o.out.empty()) o.out = "calibration-fit.toml";
  const auto cs = check_settings(o.seed_text, o.replicates, o.threads, kCmd);
  const auto overrides = cs ? parse_sets(o.sets, kCmd) : std::nullopt;
  if (!cs || !overrides) return 2;
  if (o.max_evaluations < 0 || o.max_evaluations > 1000000) {
    std::cerr << kCmd << ": error: --max-evaluations " << o.max_evaluations << ": give 0 (no fit) to 1000000\n";
    return 2;
  }
  auto in = read_calibrate_inputs(o, *overrides, kCmd);
  if (!in) return 1;
  const std::uint64_t seed = cs->seed;
  const calibration::Evaluator ev(in->setup, in->base, in->free.parameters, *cs);
  const calibration::Objective objective = [&ev](const std::vector<double>& v) { return ev.at(v); };

  calibration::FitRecord rec{std::string("il2trial ") + kVersion, command_line(o, seed), file_name(o.targets),
                             in->setup.targets_sha256, file_name(o.params), in->free.sha256, in->base.fingerprint(),
                             file_name(o.studies), in->setup.studies_sha256, seed, o.replicates, in->free.parameters, {}, 0, {}, 0, 0, {}};
  if (o.max_evaluations > 0) {
    const std::string journal_path = o.journal.empty() ? o.out + ".journal" : o.journal;
    const std::string key = fmt::format("{} {} {} {} seed {} replicates {} {}", rec.targets_sha256, rec.studies_sha256,
                                        rec.free_sha256, rec.base_fingerprint, seed, o.replicates, calibration::kFitAlgorithm);
    auto opened = calibration::Journal::open(journal_path, key);
    if (!opened) {
      std::cerr << kCmd << ": error: " << opened.error() << "\n";
      return 1;
    }
    std::unique_ptr<calibration::Journal> journal = std::move(*opened);
    calibration::FitSettings fs;
    fs.max_evaluations = o.max_evaluations;
    rec.result = calibration::fit(rec.free, ev.base_values(), objective, fs, journal.get(), [](const calibration::FitProgress& p) {
      show("calibrate: evaluation", p.evaluation, p.max_evaluations,
           fmt::format("objective {:.3f}, best {:.3f}{}", p.value, p.best, p.replayed ? " (journal)" : ""));
    });
    if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
    if (!rec.result.error.empty()) {
      std::cerr << kCmd << ": error: " << rec.result.error << "\n";
      return 1;
    }
    journal->remove();
  } else {
    rec.result.initial = rec.result.best = ev.base_values();
    rec.result.stop_reason = "no fit run (--max-evaluations 0)";
  }
  // The fitted point once more (the journal may have answered it), for its terms.
  calibration::Evaluation at_best = ev.at(rec.result.best);
  if (!at_best.error.empty()) {
    std::cerr << kCmd << ": error: " << at_best.error << "\n";
    return 1;
  }
  rec.final_objective = at_best.value.total;
  if (o.max_evaluations == 0) rec.result.initial_value = at_best.value.total;
  rec.inside = at_best.inside;
  rec.simulated = at_best.simulated;
  rec.terms = std::move(at_best.value);
  if (o.sensitivity) {
    rec.sensitivity = calibration::sensitivity(rec.free, rec.result.best, objective, [](int i, int n) { show("sensitivity: evaluation", i, n, ""); });
    if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
    if (!rec.sensitivity.error.empty()) {
      std::cerr << kCmd << ": error: " << rec.sensitivity.error << "\n";
      return 1;
    }
  }
  if (!emit(calibration::fit_file_text(rec), o.out, std::cerr)) return 1;
  if (o.update_models) {
    std::vector<std::pair<std::string, double>> moved;
    for (std::size_t i = 0; i < rec.free.size(); ++i)
      if (rec.free[i].fit) moved.emplace_back(rec.free[i].name, rec.result.best[i]);
    if (auto err = calibration::update_parameter_files(in->base, moved); !err.empty()) {
      std::cerr << kCmd << ": error: --update-models: " << err << "\n";
      return 1;
    }
  }
  std::cout << summary(rec);
  if (o.sensitivity) std::cout << "\n" << calibration::sensitivity_markdown(rec.sensitivity);
  return 0;
}

}  // namespace

void add_calibrate(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("calibrate", "Fit the model's free parameters to the calibration targets");
  auto o = std::make_shared<CalibrateOptions>();
  cmd->add_option("--targets", o->targets, "Calibration targets (CSV; default: the shipped data/calibration/targets.csv)");
  cmd->add_option("--studies", o->studies, "How each target is simulated (TOML; default: data/calibration/studies.toml)");
  cmd->add_option("--params", o->params, "The free parameters, their bounds and scales (TOML; default: data/calibration/free.toml)");
  cmd->add_option("--out", o->out,
                  "The file to write: the fitted file (TOML; default calibration-fit.toml), or with --posterior the posterior "
                  "(CSV; default the shipped data/calibration/posterior.csv)");
  cmd->add_option("--journal", o->journal, "Checkpoint of the evaluations, for resuming (default: the --out file + .journal)");
  cmd->add_option("--replicates", o->replicates,
                  "Replicate trials per study and evaluation (default 40; with --posterior, per design point, default 10)");
  cmd->add_option("--seed", o->seed_text, "Random seed, the same for every evaluation (default 1)");
  cmd->add_option("--threads", o->threads, "Threads (default: one per core); results do not depend on it");
  cmd->add_option("--max-evaluations", o->max_evaluations, "Objective evaluations at most (default 300; 0: evaluate the current values only)");
  cmd->add_flag("--sensitivity", o->sensitivity, "Also profile the objective around the fitted values, one parameter at a time");
  cmd->add_flag("--update-models", o->update_models, "Write the fitted values into the parameter files of --model-dir");
  cmd->add_option("--set", o->sets, "Override a model parameter before fitting, name=value (repeatable)");
  cmd->add_option("--model-dir", o->model_dir, "Directory of the parameter files (default: the shipped models/)");
  cmd->add_flag("--posterior", o->posterior,
                "Sample the posterior instead of fitting a point: history matching with a polynomial emulator and an "
                "ensemble sampler (docs/model.md, Posterior); writes parameter sets with their provenance");
  cmd->add_option("--points", o->points, "With --posterior: simulated design points per wave (default 1200)");
  cmd->add_option("--waves", o->waves, "With --posterior: waves of history matching (default 3)");
  cmd->add_option("--draws", o->draws, "With --posterior: parameter sets to write (default 1000, at least 200)");
  cmd->add_option("--check-points", o->check_points,
                  "With --posterior: posterior draws simulated directly to check the emulator (default 20)");
  cmd->add_option("--check-replicates", o->check_replicates,
                  "With --posterior: replicate trials per study at each checked draw (default 40)");
  cmd->add_option("--correlation-replicates", o->correlation_replicates,
                  "With --posterior: simulated trials per wave for the correlation of each trial arm's rows (default 200)");
  cmd->add_option("--sbc", o->sbc,
                  "With --posterior: then check the method by simulation-based calibration on this many synthetic data "
                  "sets (docs/validation.md)");
  cmd->add_option("--sbc-out", o->sbc_out, "With --sbc: also write every data set's ranks (CSV)");
  cmd->add_option("--sbc-journal", o->sbc_journal,
                  "With --sbc: checkpoint of each data set's ranks, for resuming (default: the --out file + .sbc.journal)");
  cmd->add_option("--sbc-world", o->sbc_world,
                  "With --sbc: where the synthetic data come from: model (default: the simulator) or emulator (as the "
                  "likelihood assumes; checks the sampler and likelihood code alone)");
  cmd->add_option("--likelihood-check", o->likelihood_check,
                  "With --posterior: then check what the likelihood assumes of the simulator, row by row, on this many of "
                  "SBC's model-world data sets (docs/validation.md)");
  cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace il2t::cli
