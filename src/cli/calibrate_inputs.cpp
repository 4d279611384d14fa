#include "cli/calibrate_inputs.h"

#include <filesystem>
#include <iostream>

#include "cli/model_options.h"
#include "data/read_file.h"

namespace il2t::cli {

std::string file_name(const std::string& p) { return std::filesystem::path(p).filename().string(); }

std::optional<CalibrateInputs> read_calibrate_inputs(const CalibrateOptions& o,
                                                     const std::vector<std::pair<std::string, double>>& overrides,
                                                     const char* cmd) {
  auto loaded = calibration::load_setup(o.targets, o.studies);
  if (!loaded.setup) {
    std::cerr << loaded.error << "\n";
    return std::nullopt;
  }
  auto m = load_model_reporting(o.model_dir, overrides, cmd);
  if (!m) return std::nullopt;
  const auto text = data::read_file(o.params);
  if (!text) {
    std::cerr << cmd << ": error: --params " << o.params << ": cannot read the file\n";
    return std::nullopt;
  }
  auto free = calibration::read_free(*text, o.params, m->parameters);
  if (!free.error.empty()) {
    std::cerr << free.error << "\n";
    return std::nullopt;
  }
  return CalibrateInputs{std::move(*loaded.setup), std::move(m->parameters), std::move(free)};
}

}  // namespace il2t::cli
