// il2trial check-model: the shipped (or given) parameters against the calibration
// targets, each study simulated as replicate trials of its published size.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "calibration/check.h"
#include "calibration/goal.h"
#include "calibration/studies.h"
#include "cli/commands.h"
#include "cli/load.h"
#include "cli/check_options.h"
#include "cli/model_options.h"
#include "cli/posterior_option.h"
#include "cli/progress.h"
#include "il2trial/version.h"
#include "trial/assumptions.h"

namespace il2t::cli {

namespace {

constexpr const char* kCmd = "il2trial check-model";

struct Options {
  std::string posterior;
  bool fixed = false;
  std::string targets = calibration::default_calibration_dir() + "/targets.csv";
  std::string studies = calibration::default_calibration_dir() + "/studies.toml";
  std::string model_dir = model::default_model_dir(), seed_text = "1", json;
  std::vector<std::string> sets;
  std::int64_t replicates = 200;
  int threads = 0;
};

std::string num(double v) {
  if (!std::isfinite(v)) return "-";
  return fmt::format("{:.4g}", v);
}

// The mean interval score over the simulated proportions among the targets or the
// placebo arms (other rows' scores are in their own units: cells/µL, hours, points).
double mean_interval_score(const calibration::Setup& s, const calibration::CheckOutcome& r, bool placebo) {
  double sum = 0;
  int n = 0;
  for (std::size_t i = 0; i < r.rows.size(); ++i)
    if (r.rows[i].simulated && (i >= r.placebo_begin) == placebo && s.targets[i].statistic == "proportion" &&
        std::isfinite(r.rows[i].interval_score))
      sum += r.rows[i].interval_score, ++n;
  return n ? sum / n : NAN;
}

std::string mode_text(const PosteriorChoice& p) {
  return p.draws ? fmt::format("each replicate under its own posterior draw ({} draws of {}) and each trial its own "
                               "standard-of-care effect",
                               p.draws->rows.size(), std::filesystem::path(p.file).filename().string())
                 : "the parameter files' values, no trial effect (--fixed)";
}

nlohmann::json to_json(const calibration::Setup& s, const calibration::CheckOutcome& r, const Options& o,
                       std::uint64_t seed, const PosteriorChoice& pc) {
  auto f = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    nlohmann::json j{{"id", x.id}, {"statistic", s.targets[i].statistic}, {"published", x.published},
                     {"simulated", x.simulated}, {"placebo_arm", i >= s.placebo_begin}};
    if (!s.mappings[i].trial.empty()) j["trial"] = s.mappings[i].trial;
    if (x.simulated) {
      j["mean"] = f(x.mean);
      j["median"] = f(x.median);
      j["lower"] = f(x.lower);
      j["upper"] = f(x.upper);
      j["replicates_with_value"] = x.valid;
      j["inside"] = x.inside;
      j["interval_score"] = f(x.interval_score);
      if (const double d = s.mappings[i].goal_within; d > 0) {
        const auto g = calibration::goal_status(x.published, d, x.values);
        j["goal"] = {{"within", d}, {"expected", f(g.expected)}, {"mc_se", f(g.mc_se)}, {"met", g.met}};
      }
    } else {
      j["not_simulated"] = x.note;
    }
    rows.push_back(std::move(j));
  }
  return {{"program", std::string("il2trial ") + kVersion},
          {"targets", o.targets},
          {"targets_sha256", s.targets_sha256},
          {"studies", o.studies},
          {"model_dir", o.model_dir},
          {"seed", seed},
          {"replicates", o.replicates},
          {"rows", rows},
          {"simulated", r.simulated()},
          {"inside", r.inside()},
          {"placebo_arms_simulated", r.simulated(true)},
          {"placebo_arms_inside", r.inside(true)},
          {"mean_interval_score_of_proportions", {{"targets", f(mean_interval_score(s, r, false))}, {"placebo_arms", f(mean_interval_score(s, r, true))}}},
          {"intervals", mode_text(pc)},
          {"posterior", {{"file", pc.file}, {"sha256", pc.sha256}}}};
}

// The goals for expected values (goal.h), if the studies file sets any.
std::string goals_text(const calibration::Setup& s, const calibration::CheckOutcome& r) {
  std::string out;
  int met = 0, n = 0;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const double d = s.mappings[i].goal_within;
    if (d <= 0 || !r.rows[i].simulated) continue;
    const auto g = calibration::goal_status(r.rows[i].published, d, r.rows[i].values);
    met += g.met, ++n;
    out += fmt::format("{:<28} {:>10} {:>10} {:>10} {:>10}  {}\n", r.rows[i].id, num(g.published), num(g.expected),
                       num(g.mc_se), "±" + num(d), g.met ? "yes" : "NO");
  }
  if (n == 0) return "";
  return fmt::format("goals for the expected value (the mean over replicates; MC SE its Monte Carlo standard error):\n"
                     "{:<28} {:>10} {:>10} {:>10} {:>10}  {}\n",
                     "target", "published", "expected", "MC SE", "goal", "met") +
         out + fmt::format("goals met: {} of {}\n", met, n);
}

std::string to_text(const calibration::Setup& s, const calibration::CheckOutcome& r, const Options& o,
                    std::uint64_t seed, const PosteriorChoice& pc) {
  std::string out = fmt::format("targets {} (sha256 {}), {} replicate trials per study at its published size, seed {}\n",
                                std::filesystem::path(o.targets).filename().string(), s.targets_sha256.substr(0, 12),
                                o.replicates, seed);
  out += "intervals: " + mode_text(pc) + "\n";
  out += fmt::format("{:<28} {:>10} {:>10} {:>10} {:>22}  {:<6} {:>9}\n", "target", "published", "mean", "median",
                     "95% interval", "inside", "score");
  std::string missing;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    if (i == s.placebo_begin && i < r.rows.size())
      out += fmt::format("placebo arms of other trials ({}), each simulated at its own week and endpoint:\n",
                         std::filesystem::path(s.placebo_file).filename().string());
    if (!x.simulated) {
      missing += fmt::format("  {}: {}\n", x.id, x.note);
      continue;
    }
    out += fmt::format("{:<28} {:>10} {:>10} {:>10} {:>22}  {:<6} {:>9}\n", x.id, num(x.published), num(x.mean),
                       num(x.median), "[" + num(x.lower) + ", " + num(x.upper) + "]", x.inside ? "yes" : "NO",
                       num(x.interval_score));
  }
  if (!missing.empty()) out += "not simulated:\n" + missing;
  out += goals_text(s, r);
  out += fmt::format("inside: {} of {} · mean interval score of the proportions {}\n", r.inside(), r.simulated(), num(mean_interval_score(s, r, false)));
  if (r.simulated(true) > 0)
    out += fmt::format("placebo arms inside: {} of {} · mean interval score {}\n", r.inside(true), r.simulated(true),
                       num(mean_interval_score(s, r, true)));
  return out;
}

int run(const Options& o) {
  const auto c = check_settings(o.seed_text, o.replicates, o.threads, kCmd);
  const auto overrides = c ? parse_sets(o.sets, kCmd) : std::nullopt;
  if (!c || !overrides) return 2;
  auto loaded = calibration::load_setup(o.targets, o.studies);
  if (!loaded.setup) {
    std::cerr << loaded.error << "\n";
    return 1;
  }
  int status = 1;
  auto inputs = read_model_and_posterior(o.model_dir, o.posterior, o.fixed, *overrides, kCmd, status);
  if (!inputs) return status;
  const model::ParameterSet& base = inputs->base;
  const PosteriorChoice* pc = &inputs->posterior;
  if (!trial::check_parameters(base).empty() || !model::make_model(base).model) {  // every error, named
    if (!load_model_reporting(o.model_dir, *overrides, kCmd)) return 1;
  }
  std::atomic<std::int64_t> done{0};
  calibration::CheckOutcome r;
  with_progress("check-model", c->replicates, done, [&] {
    r = calibration::check_worlds(*loaded.setup, base, pc->draws ? &*pc->draws : nullptr, *c, done);
  });
  if (!r.error.empty()) {
    std::cerr << kCmd << ": error: " << r.error << "\n";
    return 1;
  }
  if (!o.json.empty()) {
    if (!emit(to_json(*loaded.setup, r, o, c->seed, *pc).dump(2) + "\n", o.json, std::cerr)) return 1;
    if (o.json == "-") return 0;
  }
  std::cout << to_text(*loaded.setup, r, o, c->seed, *pc);
  return 0;
}

}  // namespace

void add_check_model(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("check-model",
                                 "Simulate every calibration target's study and show whether each published value lies in the simulated 95% interval");
  auto o = std::make_shared<Options>();
  cmd->add_option("--targets", o->targets, "Calibration targets (CSV; default: the shipped data/calibration/targets.csv)");
  cmd->add_option("--studies", o->studies, "How each target is simulated (TOML; default: data/calibration/studies.toml)");
  cmd->add_option("--replicates", o->replicates, "Replicate trials per study (default 200)");
  cmd->add_option("--seed", o->seed_text, "Random seed (default 1)");
  cmd->add_option("--threads", o->threads, "Threads (default: one per core); results do not depend on it");
  cmd->add_option("--json", o->json, "Also write the results as JSON to this file (- for standard output only)");
  cmd->add_option("--set", o->sets, "Override a model parameter, name=value (repeatable)");
  cmd->add_option("--model-dir", o->model_dir, "Directory of the parameter files (default: the shipped models/)");
  cmd->add_option("--posterior", o->posterior,
                  "Posterior parameter sets (default: the shipped data/calibration/posterior.csv): each replicate takes "
                  "its own draw and each trial its own standard-of-care effect, so the intervals are predictive");
  cmd->add_flag("--fixed", o->fixed, "No posterior: the parameter files' values alone, no trial effect");
  cmd->callback([o, &status] { status = run(*o); });
}

}  // namespace il2t::cli
