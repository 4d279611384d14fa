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
#include "population/params.h"
#include "protocol/protocol.h"
#include "trial/design.h"
#include "core/error.h"

namespace il2t::calibration {

struct Study {
  std::string id, protocol_file;  // protocol_file as resolved (relative to the studies file)
  std::optional<model::Disease> stand_in;
  std::string stand_in_reason;
  std::optional<population::PrednisoneAtEntry> prednisone;  // the study's own, when the file gives one
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
  // The trial whose standard-of-care effect (model/trial_effect.h) the target shares
  // with the other targets of that trial; empty: none (a pharmacology study whose
  // population stands in, a PK study, a disease without an effect). By default a
  // study's targets are one trial; a [[target]]'s `trial` key or a placebo arm's trial
  // column names another.
  std::string trial;
  std::optional<model::Disease> trial_disease;  // whose share and SD the effect uses
  int pooled_trials = 1;  // a placebo row pooling k trials carries the mean of k effects
};

struct Setup {
  std::vector<Target> targets;  // the targets file's rows, then the placebo arms'
  std::size_t placebo_begin = 0;  // targets[placebo_begin..] are placebo arms (placebo_arms.h)
  std::string targets_sha256;
  std::string placebo_file, placebo_sha256;  // empty when the studies file names none
  std::string studies_sha256;  // of the studies file itself (not of the protocols it names)
  std::vector<std::unique_ptr<Study>> studies;
  std::vector<Mapping> mappings;  // one per target, in the targets' order
};

struct SetupLoad {
  std::optional<Setup> setup;
  Error error;  // "file:line: ..." for the first problem
};

// The shipped data/calibration directory (targets.csv, studies.toml).
std::string default_calibration_dir();

// Reads the targets and the studies file, loads and validates every protocol it
// names, and checks that every target is mapped exactly once. A studies file may name
// a placebo-arms file (placebo_arms = "placebo-arms.csv", beside it) and map each of
// its rows in a [[placebo]] table: study = a placebo-arm study (the measure follows
// from the row's endpoint, the visit from its week), pooled_trials = k for a row that
// pools k trials; or left_out = "why".
SetupLoad load_setup(const std::string& targets_file, const std::string& studies_file);

}  // namespace il2t::calibration
