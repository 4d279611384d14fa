#pragma once
// What `il2trial calibrate` reads, in its modes: the point fit (the default) and the
// posterior (--posterior, cmd_calibrate_posterior.cpp), optionally followed by the
// simulation-based calibration of its method (--sbc N).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calibration/free.h"
#include "calibration/studies.h"
#include "model/model.h"
#include "model/parameter_set.h"

namespace il2t::cli {

struct CalibrateOptions {
  std::string targets = calibration::default_calibration_dir() + "/targets.csv";
  std::string studies = calibration::default_calibration_dir() + "/studies.toml";
  std::string params = calibration::default_calibration_dir() + "/free.toml";
  std::string out, journal;  // out: calibration-fit.toml, or the shipped posterior file with --posterior
  std::string model_dir = model::default_model_dir(), seed_text = "1";
  std::vector<std::string> sets;
  std::int64_t replicates = 0;  // 0: 40 for the fit, 10 per design point with --posterior
  int threads = 0, max_evaluations = 300;
  bool sensitivity = false, update_models = false;
  // --posterior and --sbc
  bool posterior = false;
  int points = 1200, waves = 3, draws = 1000, check_points = 20, sbc = 0, likelihood_check = 0;
  std::string sbc_out, sbc_world;  // sbc_world: "" (model) or model or emulator
  std::string sbc_journal;         // default: the --out file + .sbc.journal
  std::int64_t check_replicates = 40;
  int correlation_replicates = 200;
};

struct CalibrateInputs {
  calibration::Setup setup;
  model::ParameterSet base;
  calibration::FreeRead free;
};

// Reads the targets, studies and free-parameter files and the model (with `overrides`),
// printing the first error; nullopt then.
std::optional<CalibrateInputs> read_calibrate_inputs(const CalibrateOptions& o,
                                                     const std::vector<std::pair<std::string, double>>& overrides,
                                                     const char* cmd);

// The file name of a path, for provenance.
std::string file_name(const std::string& path);

int run_posterior_calibration(const CalibrateOptions& o);

}  // namespace il2t::cli
