#pragma once
// What `il2trial analyze` prints and writes for one real trial: each endpoint's planned
// analysis (per-arm counts and means, each comparison's estimate, interval and p-value,
// MCP-Mod's test and chosen dose), the data read, and the data problems left out under
// --lenient; as JSON, as text, and as a self-contained HTML report with tables and a
// plot of each arm's mean of every measured test by visit.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "trial/analysis.h"
#include "trial/design.h"
#include "trial/records.h"

namespace il2t::report {

struct AnalysisProvenance {
  std::string protocol_file, protocol_sha256, sdtm_dir, version;
  double alpha = 0.05, delta = 0.15;
  std::string models;
  std::size_t unscheduled_used = 0, unused_records = 0, excluded_subjects = 0, excluded_records = 0;
  std::size_t unscheduled_unused = 0;
  std::vector<Error> problems;  // warnings under --lenient: what was left out
  bool events_delivered = true;       // an AE dataset was given: without one, event endpoints have no data
  std::vector<std::string> ignored;   // files in the folder that were not read
};

nlohmann::ordered_json analysis_json(const trial::TrialDesign& d, const AnalysisProvenance& p,
                                     const trial::TrialRecords& r, const std::vector<trial::EndpointAnalysis>& a);
std::string analysis_text(const nlohmann::ordered_json& j);
std::string analysis_html(const trial::TrialDesign& d, const trial::TrialRecords& r, const nlohmann::ordered_json& j);

}  // namespace il2t::report
