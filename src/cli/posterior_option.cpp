#include "cli/posterior_option.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "calibration/posterior_file.h"
#include "calibration/studies.h"
#include "data/read_file.h"
#include "data/sha256.h"
#include "il2trial/version.h"

namespace il2t::cli {

std::optional<PosteriorChoice> read_posterior_option(const std::string& file, bool fixed, const model::ParameterSet& base,
                                                     const std::vector<std::pair<std::string, double>>& sets,
                                                     const char* cmd) {
  PosteriorChoice out;
  if (fixed) {
    if (!file.empty()) {
      std::cerr << cmd << ": error: --fixed and --posterior: give one\n";
      return std::nullopt;
    }
    return out;
  }
  out.file = file.empty() ? calibration::default_posterior_file() : file;
  std::error_code ec;
  const bool regular = std::filesystem::is_regular_file(out.file, ec);
  if (regular && std::filesystem::file_size(out.file, ec) > calibration::kMaxPosteriorBytes) {
    std::cerr << calibration::posterior_size_error(out.file) << "\n";
    return std::nullopt;
  }
  const auto text = regular ? data::read_file(out.file) : std::nullopt;
  if (!text) {
    std::cerr << cmd << ": error: --posterior " << out.file
              << ": cannot read the file (make one with il2trial calibrate --posterior, or give --fixed)\n";
    return std::nullopt;
  }
  // The calibration data the posterior must come from: the targets, the studies file
  // that says how they are simulated, the placebo arms. Which parameters it draws (the
  // free-parameter file) is the user's choice: a posterior of another file is valid.
  calibration::PosteriorExpect expect{"", std::string("il2trial ") + kVersion, &base, "", "", ""};
  const std::string dir = calibration::default_calibration_dir();
  for (const auto& [name, sha] : {std::pair{"targets.csv", &expect.targets_sha256}, std::pair{"studies.toml", &expect.studies_sha256},
                                  std::pair{"placebo-arms.csv", &expect.placebo_sha256}}) {
    const auto t = data::read_file(dir + "/" + name);
    if (!t) {
      std::cerr << cmd << ": error: " << dir << "/" << name << ": cannot read the calibration file the posterior is checked against\n";
      return std::nullopt;
    }
    *sha = data::sha256_hex(*t);
  }
  calibration::PosteriorRead r = calibration::read_posterior(*text, out.file, expect);
  if (!r.error.empty()) {
    std::cerr << r.error << " (or give --fixed)\n";
    return std::nullopt;
  }
  for (const auto& [name, value] : sets)
    if (std::find(r.draws.names.begin(), r.draws.names.end(), name) != r.draws.names.end()) {
      std::cerr << cmd << ": error: --set " << name << ": the posterior draws this parameter; drop --set, or give --fixed\n";
      return std::nullopt;
    }
  out.sha256 = data::sha256_hex(*text);
  out.draws = std::move(r.draws);
  return out;
}

std::optional<ModelAndPosterior> read_model_and_posterior(const std::string& model_dir, const std::string& file, bool fixed,
                                                          const std::vector<std::pair<std::string, double>>& sets,
                                                          const char* cmd, int& status) {
  status = 1;
  model::ParameterLoad files = model::load_parameter_dir(model_dir);
  if (!files.ok()) {
    for (const Diagnostic& d : files.diagnostics) std::cerr << format(d) << "\n";
    return std::nullopt;
  }
  auto choice = read_posterior_option(file, fixed, files.set, sets, cmd);
  if (!choice) return std::nullopt;
  ModelAndPosterior out{std::move(files.set), std::move(*choice)};
  for (const auto& [name, value] : sets)
    if (const auto err = out.base.set(name, value)) {
      std::cerr << cmd << ": error: --set " << *err << "\n";
      status = 2;
      return std::nullopt;
    }
  return out;
}

std::vector<std::pair<std::string, double>> median_overrides(const PosteriorChoice& p,
                                                            const std::vector<std::pair<std::string, double>>& sets) {
  std::vector<std::pair<std::string, double>> out;
  if (p.draws) {
    const std::vector<double> m = p.draws->medians();
    for (std::size_t c = 0; c < m.size(); ++c) out.emplace_back(p.draws->names[c], m[c]);
  }
  out.insert(out.end(), sets.begin(), sets.end());
  return out;
}

}  // namespace il2t::cli
