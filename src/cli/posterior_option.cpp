#include "cli/posterior_option.h"

#include <algorithm>
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
  const auto text = data::read_file(out.file);
  if (!text) {
    std::cerr << cmd << ": error: --posterior " << out.file
              << ": cannot read the file (make one with il2trial calibrate --posterior, or give --fixed)\n";
    return std::nullopt;
  }
  const auto targets = data::read_file(calibration::default_calibration_dir() + "/targets.csv");
  calibration::PosteriorExpect expect{targets ? data::sha256_hex(*targets) : "", std::string("il2trial ") + kVersion, &base};
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
