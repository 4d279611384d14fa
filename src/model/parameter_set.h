#pragma once
// A model parameter set: every number the model uses, each with its unit and its
// source (a citation) or the reason it is assumed, read from models/*.toml.
//
//   [group]
//   name = { value = 0.35, unit = "1", source = "Proleukin label: 31-47 %" }
//   other = { value = 1.0, unit = "1", assumed = "no data; the simplest form" }
//
// A parameter's full name is "group.name" ("il2_pk.bioavailability"). Optional keys:
// min / max (the range `--set` accepts), note, map (a text attribute, e.g. the BILAG
// domain a SLEDAI descriptor maps to). Expected failures are returned as diagnostics.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace il2t::model {

struct Parameter {
  std::string name;     // "group.key"
  double value = 0;
  std::string unit;
  std::string source;   // citation; empty when assumed
  std::string assumed;  // why it is assumed; empty when sourced
  std::string note;
  std::string map;      // optional text attribute
  std::optional<double> min, max;
  std::string file;
  int line = 0;
  bool overridden = false;  // changed by set()
};

// Parameter groups of observation models that no calibration target reads.
inline constexpr std::string_view kObservationOnlyGroups[] = {"labs"};

class ParameterSet {
 public:
  const std::vector<Parameter>& all() const { return params_; }
  const Parameter* find(std::string_view name) const;
  // Every parameter whose name starts with "group.", in the order read (toml++ gives a
  // file's keys in name order, so the order is fixed by the names, not by edits).
  std::vector<const Parameter*> group(std::string_view group) const;
  // Overrides a value (the `--set name=value` of the command line). Returns an error
  // message naming the parameter when it is unknown, not finite, or outside its range.
  std::optional<std::string> set(std::string_view name, double value);
  void add(Parameter p) { params_.push_back(std::move(p)); }
  // The closest known name, for "did you mean".
  std::string closest(std::string_view name) const;
  // SHA-256 of every name and value (17 significant digits), in order: identifies the
  // parameter set a result was computed with, overrides included, comments not. The
  // parameters in `except` are left out (a posterior's own columns).
  std::string fingerprint(const std::vector<std::string>& except = {}) const;
  // The fingerprint a posterior records and checks: `except` and the observation-only
  // groups (kObservationOnlyGroups) left out. Those parameters shape only measures
  // that no calibration target reads, so changing or adding them leaves a posterior
  // valid (tests/calibration pins that no target reads them).
  std::string fingerprint_for_posterior(std::vector<std::string> except) const;

 private:
  std::vector<Parameter> params_;
};

struct ParameterLoad {
  ParameterSet set;
  std::vector<Diagnostic> diagnostics;  // errors name file, line and parameter
  bool ok() const { return diagnostics.empty(); }
};

// Reads the given files in order; a name defined twice is an error.
ParameterLoad load_parameter_files(const std::vector<std::string>& files);
// Every *.toml file in `dir`, sorted by name.
ParameterLoad load_parameter_dir(const std::string& dir);
// Parses one file's text (tests use this without touching the disk).
void parse_parameter_text(std::string_view text, const std::string& file, ParameterSet& into,
                          std::vector<Diagnostic>& diagnostics);

}  // namespace il2t::model
