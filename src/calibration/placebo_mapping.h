#pragma once
// The part of the studies file (studies.h) about placebo arms and trials: the
// placebo-arms file it names and its [[placebo]] tables, and which trial each target
// belongs to (the standard-of-care effect it shares).
#include <string>

#include <toml++/toml.h>

#include "calibration/studies.h"
#include "core/error.h"

namespace il2t::calibration {

// Reads `placebo_arms = "FILE"` (relative to the studies file) and the [[placebo]]
// tables of `root`, appending each arm to s.targets and its mapping to s.mappings.
// Every arm is mapped once: study = a study of this file (its first arm, the visit at
// the row's week, the measure its endpoint derives; pooled_trials = k, optional) or
// left_out = "why". True when read (or when the file names no placebo arms); false,
// with `error` set, at the first problem.
bool load_placebo(const std::string& studies_file, const toml::table& root, Setup& s, Error& error);

// Gives every simulated target its trial: a target of a study that simulates its own
// population (no stand-in, not a PK study) whose disease has a trial effect
// (model/trial_effect.h) belongs to the trial its mapping names, else to its study.
void assign_trials(Setup& s);

}  // namespace il2t::calibration
