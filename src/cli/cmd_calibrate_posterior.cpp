// il2trial calibrate --posterior: parameter sets drawn from the calibration's posterior
// (calibration/posterior.h), written with their provenance (calibration/posterior_file.h).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <tuple>

#include "calibration/check.h"
#include "calibration/posterior.h"
#include "calibration/posterior_file.h"
#include "calibration/posterior_layout.h"
#include "calibration/likelihood_check.h"
#include "calibration/sbc.h"
#include "data/sha256.h"
#include "cli/calibrate_inputs.h"
#include "cli/check_options.h"
#include "cli/load.h"
#include "cli/model_options.h"
#include "il2trial/version.h"

namespace il2t::cli {

namespace {

constexpr const char* kCmd = "il2trial calibrate";

void show(const std::string& stage, int i, int n) {
  if (!isatty(STDERR_FILENO)) return;
  std::fprintf(stderr, "\rcalibrate --posterior: %s %d/%d   ", stage.c_str(), i, n);
  std::fflush(stderr);
}

// A range check of an option, printing its error.
bool within(const char* name, double v, double lo, double hi) {
  if (v >= lo && v <= hi) return true;
  std::cerr << kCmd << ": error: " << name << " " << v << ": give " << lo << " to " << hi << "\n";
  return false;
}


std::string summary(const calibration::PosteriorRun& r, const calibration::PosteriorSettings& ps) {
  std::string o;
  for (std::size_t w = 0; w < r.waves.size(); ++w)
    o += fmt::format("wave {}: {} design points ({} from the journal, {} failed), emulator fitted on {}\n", w + 1,
                     r.waves[w].points, r.waves[w].replayed, r.waves[w].failed, r.waves[w].fitted);
  o += fmt::format("ensemble: acceptance {:.2f}; effective sample size {:.0f} (smallest over parameters); {} draws kept\n",
                   r.acceptance, r.ess.empty() ? 0.0 : *std::min_element(r.ess.begin(), r.ess.end()), r.draws.size());
  o += fmt::format("\n{:<40} {:>11} {:>11} {:>11}   {}\n", "parameter", "median", "5%", "95%", "prior bounds");
  for (std::size_t c = 0; c < r.columns.size(); ++c) {
    std::vector<double> v;
    for (const auto& d : r.draws) v.push_back(d[c]);
    const auto& f = r.columns[c];
    o += fmt::format("{:<40} {:>11.4g} {:>11.4g} {:>11.4g}   [{:.4g}, {:.4g}] {}{}\n", f.name, calibration::quantile(v, 0.5),
                     calibration::quantile(v, 0.05), calibration::quantile(v, 0.95), f.lower, f.upper, f.log_scale ? "log" : "linear",
                     f.prior_only ? " (prior only)" : "");
  }
  o += fmt::format("\nthe emulator against direct simulation at {} draws ({} replicate trials per study), on the emulated\n"
                   "scale (asin sqrt p for proportions, ln for folds): the RMS difference, the Monte Carlo SD of the\n"
                   "simulated values within it, the emulator's own error as the likelihood takes it, and the sampling SD\n"
                   "of one published trial's value\n",
                   ps.check_points, ps.check_replicates);
  o += fmt::format("{:<32} {:>10} {:>10} {:>10} {:>10}\n", "row", "RMS diff", "MC SD", "emulator", "sampling");
  double worst = 0;
  for (const auto& c : r.check) {
    o += fmt::format("{:<32} {:>10.4f} {:>10.4f} {:>10.4f} {:>10.4f}\n", c.id, c.rmse, c.noise, c.error, c.sampling_sd);
    const double excess = std::sqrt(std::max(0.0, c.rmse * c.rmse - c.noise * c.noise));
    if (std::isfinite(excess) && c.sampling_sd > 0) worst = std::max(worst, excess / c.sampling_sd);
  }
  o += fmt::format("largest error beyond Monte Carlo noise, in sampling SDs: {:.2f}\n", worst);
  return o;
}

std::string sbc_summary(const calibration::SbcResult& r, const calibration::SbcSettings& ss) {
  std::string o = fmt::format(
      "\nsimulation-based calibration: {} synthetic data sets drawn from the {} ({} failed to simulate, {} rows without a value left out); "
      "each true value's rank among {} "
      "posterior draws,\nin {} bins (uniform: {:.1f} per bin, Monte Carlo SD {:.1f}); chi-square test of uniformity, {} "
      "degrees of freedom\n",
      r.datasets, ss.world == calibration::SbcWorld::emulator ? "emulator" : "model", r.failed, r.missing_rows, ss.draws, ss.bins, r.datasets / static_cast<double>(ss.bins),
      std::sqrt(r.datasets / static_cast<double>(ss.bins) * (1 - 1.0 / ss.bins)), ss.bins - 1);
  if (r.short_pools > 0)
    o += fmt::format("{} data sets had fewer than {} draws spaced by the autocorrelation time (some ranked twice)\n",
                     r.short_pools, ss.draws);
  o += fmt::format("{:<40} {:>8} {:>8}  {}\n", "parameter", "chi2", "p", "counts per bin");
  int below5 = 0, below1 = 0;
  for (const auto& c : r.coordinates) {
    std::string counts;
    for (int k : c.counts) counts += fmt::format("{:>4}", k);
    o += fmt::format("{:<40} {:>8.2f} {:>8.4f}  {}\n", c.name, c.chi_square, c.p_value, counts);
    below5 += c.p_value < 0.05, below1 += c.p_value < 0.01;
  }
  const double n = static_cast<double>(r.coordinates.size());
  o += fmt::format("p below 0.05: {} of {} (expected {:.1f} if uniform); below 0.01: {} (expected {:.1f})\n", below5,
                   r.coordinates.size(), 0.05 * n, below1, 0.01 * n);
  return o;
}

std::string sbc_csv(const calibration::SbcResult& r) {
  std::string o = "dataset";
  for (const auto& c : r.coordinates) o += "," + c.name;
  o += "\n";
  const std::size_t n = r.coordinates.empty() ? 0 : r.coordinates[0].ranks.size();
  for (std::size_t i = 0; i < n; ++i) {
    o += std::to_string(i + 1);
    for (const auto& c : r.coordinates) o += "," + std::to_string(c.ranks[i]);
    o += "\n";
  }
  return o;
}

// Flags a pair whose correlation departs from the assumed one by more than 3 standard
// errors (1/√n about a correlation near 0).
bool departs(const calibration::PairZ& p) {
  return std::isfinite(p.observed) && std::abs(p.observed - p.assumed) > 3 / std::sqrt(static_cast<double>(p.count));
}

std::string likelihood_summary(const calibration::LikelihoodCheck& r) {
  std::string o = fmt::format(
      "\nthe likelihood's assumptions against the simulator on {} of SBC's model-world data sets ({} failed to simulate):\n"
      "z = (simulated - emulated mean at the true parameters and trial effect) / sqrt(sampling SD^2 + emulator error^2),\n"
      "on the emulated scale; the likelihood assumes mean 0, SD 1, 2.3 % beyond each of -2 and 2, and no correlation\n"
      "with the row's trial effect u; 'outside': the data sets whose trial's shifted share lies outside the emulator's\n"
      "box (its cubic extrapolates there), and z's SD in the others\n",
      r.datasets, r.failed);
  o += fmt::format("{:<36} {:>5} {:>7} {:>7} {:>7} {:>7} {:>9} {:>8} {:>8}\n", "row", "n", "mean z", "SD z", "z < -2",
                   "z > 2", "corr(z,u)", "outside", "SD in");
  auto num = [](double v) { return std::isfinite(v) ? fmt::format("{:.3f}", v) : std::string("-"); };
  for (const auto& w : r.rows)
    o += fmt::format("{:<36} {:>5} {:>7.3f} {:>7.3f} {:>7.3f} {:>7.3f} {:>9} {:>8.3f} {:>8}\n", w.id, w.count, w.mean, w.sd,
                     w.low, w.high, num(w.effect_corr), w.outside, num(w.sd_inside));
  std::vector<calibration::PairZ> off;
  for (const auto& p : r.pairs)
    if (departs(p)) off.push_back(p);
  std::sort(off.begin(), off.end(), [](const auto& a, const auto& b) {
    return std::abs(a.observed - a.assumed) > std::abs(b.observed - b.assumed);
  });
  o += fmt::format("\npairs of rows of one trial, cluster or error set whose z correlate otherwise than assumed (by more\n"
                   "than 3/sqrt(n)): {} of {}{}\n",
                   off.size(), r.pairs.size(), off.size() > 30 ? "; the 30 largest" : "");
  o += fmt::format("{:<36} {:<36} {:>9} {:>9}\n", "row", "row", "observed", "assumed");
  for (std::size_t i = 0; i < off.size() && i < 30; ++i)
    o += fmt::format("{:<36} {:<36} {:>9.3f} {:>9.3f}\n", off[i].a, off[i].b, off[i].observed, off[i].assumed);
  return o;
}

}  // namespace

int run_posterior_calibration(const CalibrateOptions& given) {
  CalibrateOptions o = given;
  if (o.replicates == 0) o.replicates = 10;
  if (o.out.empty()) o.out = calibration::default_posterior_file();
  if (!o.sets.empty()) {
    std::cerr << kCmd << ": error: --set with --posterior: the posterior records the parameter files it was made with; "
                         "edit a copy of models/ and give --model-dir instead\n";
    return 2;
  }
  if (o.sensitivity || o.update_models) {
    std::cerr << kCmd << ": error: --sensitivity and --update-models belong to the point fit, not --posterior\n";
    return 2;
  }
  const auto cs = check_settings(o.seed_text, o.replicates, o.threads, kCmd, 2);
  if (!cs) return 2;
  if (!within("--points", o.points, 10, 100000) || !within("--waves", o.waves, 1, 5) || !within("--sbc", o.sbc, 0, 100000) ||
      !within("--likelihood-check", o.likelihood_check, 0, 100000) ||
      !within("--draws", o.draws, 200, 100000) || !within("--check-points", o.check_points, 0, 10000) ||
      !within("--check-replicates", static_cast<double>(o.check_replicates), 10, 100000) ||
      !within("--correlation-replicates", o.correlation_replicates, 20, 100000))
    return 2;
  if (!o.sbc_world.empty() && o.sbc_world != "model" && o.sbc_world != "emulator") {
    std::cerr << kCmd << ": error: --sbc-world: \"" << o.sbc_world << "\" is not a world (model or emulator)\n";
    return 2;
  }
  if (o.sbc == 0 && (!o.sbc_out.empty() || !o.sbc_journal.empty() || !o.sbc_world.empty())) {
    std::cerr << kCmd << ": error: --sbc-out, --sbc-journal and --sbc-world belong to an SBC: give --sbc N too\n";
    return 2;
  }
  auto in = read_calibrate_inputs(o, {}, kCmd);
  if (!in) return 1;
  calibration::PosteriorSettings ps;
  ps.seed = cs->seed;
  ps.replicates = o.replicates;
  ps.points = o.points;
  ps.waves = o.waves;
  ps.draws = o.draws;
  ps.check_points = o.check_points;
  ps.check_replicates = o.check_replicates;
  ps.correlation_replicates = o.correlation_replicates;
  ps.threads = cs->threads;
  std::vector<std::string> names;
  for (const auto& f : in->free.parameters) names.push_back(f.name);
  calibration::PosteriorProvenance prov;
  prov.program = std::string("il2trial ") + kVersion;
  prov.method = fmt::format(
      "Bayesian history matching: {} waves of {} Latin-hypercube design points, {} replicate trials per study each; an "
      "emulator linear in every input and cubic in each output's 8 most influential (ridge, leave-one-out penalty); an "
      "affine-invariant ensemble sampler ({} + {} steps); the rows of one trial arm jointly normal with their correlation "
      "simulated in each wave, rows estimating one value sharing one emulator error",
      ps.waves, ps.points, ps.replicates, ps.burn_in, ps.steps);
  prov.command = fmt::format("il2trial calibrate --posterior --seed {} --replicates {} --points {} --waves {} --draws {} "
                             "--check-points {} --check-replicates {} --correlation-replicates {}",
                             ps.seed, ps.replicates, ps.points, ps.waves, ps.draws, ps.check_points, ps.check_replicates,
                             ps.correlation_replicates);
  const CalibrateOptions defaults;
  for (const auto& [flag, value, shipped] : {std::tuple{"--targets", o.targets, defaults.targets},
                                             std::tuple{"--studies", o.studies, defaults.studies},
                                             std::tuple{"--params", o.params, defaults.params},
                                             std::tuple{"--model-dir", o.model_dir, defaults.model_dir}})
    if (value != shipped) prov.command += std::string(" ") + flag + " " + value;
  prov.seed = ps.seed;
  prov.targets_sha256 = in->setup.targets_sha256;
  prov.studies_sha256 = in->setup.studies_sha256;
  prov.placebo_sha256 = in->setup.placebo_sha256;
  prov.free_sha256 = in->free.sha256;
  prov.model_sha256 = in->base.fingerprint_for_posterior(names);
  // The layout's own errors before any file is opened.
  if (const auto layout = calibration::make_layout(in->setup, in->free.parameters, in->base, o.params); !layout) {
    std::cerr << layout.error() << "\n";
    return 1;
  }
  const std::string journal_path = o.journal.empty() ? o.out + ".journal" : o.journal;
  // What the design runs depend on (a later wave's points also depend on the earlier
  // waves' emulators: the journal replays a point only if it is the same point).
  const std::string key = fmt::format("posterior {} {} {} {} {} {} seed {} replicates {} points {}", prov.program,
                                      prov.targets_sha256, prov.studies_sha256, prov.placebo_sha256, prov.free_sha256,
                                      in->base.fingerprint(), ps.seed, ps.replicates, ps.points);
  auto opened = calibration::Journal::open(journal_path, key);
  if (!opened) {
    std::cerr << kCmd << ": error: " << opened.error() << "\n";
    return 1;
  }
  std::unique_ptr<calibration::Journal> journal = std::move(*opened);
  const calibration::PosteriorRun r =
      calibration::run_posterior(in->setup, in->base, in->free.parameters, o.params, ps, journal.get(), show);
  if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
  if (!r.error.empty()) {
    std::cerr << kCmd << ": error: " << r.error << " (the journal " << journal_path << " keeps the simulated points)\n";
    return 1;
  }
  const std::string posterior_text = calibration::posterior_file_text(prov, names, r.draws);
  if (!emit(posterior_text, o.out, std::cerr)) return 1;
  std::cout << summary(r, ps) << "wrote " << r.draws.size() << " parameter sets to " << o.out << "\n";
  // The checks' data sets: SBC's prior, seed and threads (the likelihood check reads
  // the same model-world data sets).
  calibration::SbcSettings checks;
  checks.sd_upper = r.sd_upper;
  checks.seed = ps.seed;
  checks.burn_in = ps.burn_in;
  checks.threads = ps.threads;
  std::unique_ptr<calibration::Journal> sbc_journal;
  if (o.sbc > 0) {
    calibration::SbcSettings ss = checks;
    ss.datasets = o.sbc;
    ss.world = o.sbc_world == "emulator" ? calibration::SbcWorld::emulator : calibration::SbcWorld::model;
    // Each data set's ranks are journalled under a key of the posterior it checks and
    // the SBC's settings, so an interrupted SBC resumes (a longer one extends it).
    const std::string sbc_key = fmt::format("sbc {} posterior {} world {} seed {} draws {} bins {} burn-in {} steps {}",
                                            prov.program, data::sha256_hex(posterior_text),
                                            o.sbc_world.empty() ? "model" : o.sbc_world, ss.seed, ss.draws, ss.bins,
                                            ss.burn_in, ss.steps);
    const std::string sbc_journal_path = o.sbc_journal.empty() ? o.out + ".sbc.journal" : o.sbc_journal;
    auto sbc_opened = calibration::Journal::open(sbc_journal_path, sbc_key);
    if (!sbc_opened) {
      std::cerr << kCmd << ": error: " << sbc_opened.error() << "\n";
      return 1;
    }
    sbc_journal = std::move(*sbc_opened);
    const calibration::SbcResult sbc = calibration::run_sbc(
        in->setup, in->base, r.layout, *r.emulator, r.design, ss,
        [](int i, int n) { show("simulation-based calibration", i, n); }, sbc_journal.get());
    if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
    if (!sbc.error.empty()) {
      std::cerr << kCmd << ": error: " << sbc.error << "\n";
      return 1;
    }
    std::cout << sbc_summary(sbc, ss);
    if (!o.sbc_out.empty() && !emit(sbc_csv(sbc), o.sbc_out, std::cerr)) return 1;
  }
  if (o.likelihood_check > 0) {
    calibration::SbcSettings ss = checks;
    ss.datasets = o.likelihood_check;
    const calibration::LikelihoodCheck lc = calibration::likelihood_check(
        in->setup, in->base, r.layout, *r.emulator, ss, [](int i, int n) { show("likelihood check", i, n); });
    if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
    std::cout << likelihood_summary(lc);
  }
  journal->remove();  // only once everything is written whole
  if (sbc_journal) sbc_journal->remove();
  return 0;
}

}  // namespace il2t::cli
