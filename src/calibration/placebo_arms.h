#pragma once
// The placebo (standard-of-care) arms of randomised trials of other drugs in SLE and
// primary Sjögren's (data/calibration/placebo-arms.csv, a copy of
// ../shared/calibration/placebo-arms.csv): how much the standard-of-care response
// differs between trials. They are calibration data like the targets. Each row's
// endpoint is read into one il2trial knows, or the row is refused:
//
//   "SRI-4" … "SRI-8"                        SRI with that SLEDAI threshold (instruments/sri.h)
//   "modified SRI-4", "SRI-S2K (...)"        modified SRI definitions, known but not derived
//   "ESSDAI response (decrease of at least 3)", "ESSDAI decrease of at least 3"
//                                            ESSDAI fell by at least k points
//   "ESSDAI change from baseline"            mean change, known but not derived
//
// studies.h maps each row to a placebo-arm study, or says why it is left out.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calibration/targets.h"

namespace il2t::calibration {

enum class PlaceboEndpoint { sri, modified_sri, sri_s2k, essdai_drop, essdai_change };

struct PlaceboArm {
  Target row;  // id, study (the trial), disease, arm "placebo", quantity (the endpoint), week, statistic, value, n/N, source
  std::string trial, population, region, background, note;
  PlaceboEndpoint endpoint = PlaceboEndpoint::sri;
  int level = 0;  // the SRI threshold or the ESSDAI fall
};

struct PlaceboRead {
  std::vector<PlaceboArm> arms;
  Error error;  // file, line and column (field); text() "file:line: column: why"; empty when read
};

// Reads the placebo arms from CSV text; `file` names it in errors. Ids unique, a known
// endpoint, a week, a finite value (a proportion in [0, 1] equal to n/N to 0.005).
PlaceboRead read_placebo_arms(std::string_view text, const std::string& file);

// The measure (measure.h) that derives the arm's endpoint from trial records, or
// nullopt for a known endpoint il2trial does not derive.
std::optional<std::string> placebo_measure(const PlaceboArm& a);

}  // namespace il2t::calibration
