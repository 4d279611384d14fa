#pragma once
// How each calibration target is simulated: the file data/calibration/studies.toml
// names, per target, the study (a protocol file) that reproduces it, the arm, the
// visit and the measure (measure.h); or says why the target is not simulated. A study
// whose disease the model has no population for names the population that stands in
// for it, with the reason; a study may give its own prednisone at entry (its baseline
// table) in place of that population's (a PK study's typical participant takes none
// when its zero is at least 0.5, else the median). Any simulated target may carry
// goal_within = { value, reason }: a goal for its expected value (the mean over
// replicate trials), to lie within `value` of the published value, which the fit
// treats as a constraint (objective.h). A study with kind = "pk" is a
// pharmacokinetic study (pk_study.h): a dose, sampling hours and a size instead of a
// protocol.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calibration/measure.h"
#include "calibration/pk_study.h"
#include "calibration/targets.h"
#include "model/individual.h"
#include "protocol/protocol.h"
#include "trial/design.h"

namespace il2t::calibration {

struct Study {
  std::string id, protocol_file;  // protocol_file as resolved (relative to the studies file)
  std::optional<model::Disease> stand_in;
  std::string stand_in_reason;
  std::optional<model::PrednisoneAtEntry> prednisone;  // the study's own, when the file gives one
  protocol::Protocol protocol;
  trial::TrialDesign design;      // points into `protocol`: a Study is never moved
  std::optional<PkStudy> pk;      // a PK study: no protocol, design or arms
};

struct Mapping {
  std::size_t target = 0;            // index into Setup::targets
  std::optional<std::size_t> study;  // index into Setup::studies; none = not simulated
  std::size_t arm = 0, visit = 0;   // not used for a PK study
  Measure measure;
  std::string not_simulated;         // why, when study is none
  // A goal for the expected value: within this distance of the published value, on the
  // statistic's own scale (0.05 for 5 percentage points of a proportion). 0: none.
  double goal_within = 0;  // the file gives the reason
};

struct Setup {
  std::vector<Target> targets;
  std::string targets_sha256;
  std::string studies_sha256;  // of the studies file itself (not of the protocols it names)
  std::vector<std::unique_ptr<Study>> studies;
  std::vector<Mapping> mappings;  // one per target, in the targets' order
};

struct SetupLoad {
  std::optional<Setup> setup;
  std::string error;  // "file:line: ..." for the first problem
};

// The shipped data/calibration directory (targets.csv, studies.toml).
std::string default_calibration_dir();

// Reads the targets and the studies file, loads and validates every protocol it
// names, and checks that every target is mapped exactly once.
SetupLoad load_setup(const std::string& targets_file, const std::string& studies_file);

}  // namespace il2t::calibration
