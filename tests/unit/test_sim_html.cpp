// The simulation report's tables and dose–response plots (report/sim_html_tables.h,
// report/sim_html_design.h, report/sim_html_dose.h) from a hand-made results JSON: every table present, the
// Monte Carlo standard errors computed from the shares and counts, group-sequential
// stopping and assumed-rate scenarios rendered when present and skipped when absent,
// all text escaped, nothing preformatted.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "report/sim_html_design.h"
#include "report/sim_html_dose.h"
#include "report/sim_html_tables.h"

namespace il2t::report {
namespace {

using nlohmann::ordered_json;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

ordered_json endpoint(const std::string& id, bool primary) {
  return ordered_json::parse(R"({"id": ")" + id + R"(", "primary": )" + (primary ? "true" : "false") + R"(,
    "instrument": "sri4", "method": "fisher",
    "arms": [{"id": "placebo", "mean": 0.30, "sd": 0.07, "p05": 0.19, "p50": 0.30, "p95": 0.42, "truth": 0.31},
             {"id": "low", "mean": 0.40, "sd": 0.07, "p05": 0.28, "p50": 0.40, "p95": 0.52, "truth": 0.41},
             {"id": "a<b", "mean": 0.55, "sd": 0.08, "p05": 0.42, "p50": 0.55, "p95": 0.68, "truth": 0.56}],
    "comparisons": [{"comparison": "a<b vs placebo", "scale": "risk difference", "power": 0.8, "analysed": 100,
                     "mean_estimate": 0.25, "truth": 0.2, "bias": 0.05, "empirical_se": 0.2, "coverage": 0.95}],
    "mcp_mod": {"power": 0.9, "analysed": 100, "dose_picked": {"low": 0.25, "a<b": 0.7, "none": 0.05}}})");
}

ordered_json results(bool with_design) {
  ordered_json size = ordered_json::parse(R"({"n": 80, "replicates": 100, "failed": 0,
    "screened_per_replicate": 120.5, "screen_failure_rate": 0.33, "undetermined_rate": 0.01,
    "excluded_by_criterion": {"inclusion age": 0.12}, "completion_rate": 0.9, "doses_taken_rate": 0.85,
    "infections": [{"arm": "placebo", "per_100_patient_years": 40.1, "serious_per_100_patient_years": 2.0,
                    "replicate_rate_sd": 9.5, "kaplan_meier": [{"day": 28, "free_of_infection": 0.97}]}]})");
  size["endpoints"] = {endpoint("sri4-w24", true), ordered_json::parse(R"({"id": "qol", "primary": false,
    "instrument": "sf36", "method": "descriptive", "note": "no model of it"})")};
  if (with_design) {
    size["group_sequential"] = ordered_json::parse(R"({"endpoint": "sri4-w24", "comparison": "a<b vs placebo",
      "spending": "O'Brien–Fleming-type alpha spending (Lan–DeMets).",
      "looks": [{"look": 1, "information": 0.5, "day": 412.0, "efficacy_z": 2.963, "futility_z": null,
                 "stop_efficacy": 0.3, "stop_efficacy_se": 0.0142, "stop_futility": null, "stop_futility_se": null,
                 "enrolled": 61.2, "analysed": 40.0},
                {"look": 2, "information": 1.0, "day": 700.0, "efficacy_z": 1.969, "futility_z": 0.5,
                 "stop_efficacy": 0.5, "stop_efficacy_se": 0.0158, "stop_futility": 0.1, "stop_futility_se": 0.0095,
                 "enrolled": 80.0, "analysed": 78.5}],
      "rejection": 0.8, "rejection_se": 0.0126, "expected_enrolled": 74.4, "expected_analysed": 63.1,
      "design_type_i_error": 0.025, "label": "power"})");
    size["scenario"] = ordered_json::parse(R"({"source": "the protocol's [scenario]", "endpoints": [{"id": "sri4-w24",
      "arms": [{"id": "placebo", "assumed": "response rate 0.35", "model_mean": 0.3, "assumed_mean": 0.35}],
      "comparisons": [{"comparison": "a<b vs placebo", "model": 0.8, "model_se": 0.0126, "assumed": 0.62,
                       "assumed_se": 0.0153}]}]})");
  }
  ordered_json j;
  j["protocol"] = "T";
  j["provenance"] = {{"null", false}, {"replicates", 100}};
  j["sizes"] = {size};
  return j;
}

TEST(SimHtml, OperatingCharacteristicsWithMonteCarloErrors) {
  const std::string o = results_html(results(false));
  EXPECT_EQ(o.find("<pre"), std::string::npos);
  EXPECT_NE(o.find("<table class=\"facts\">"), std::string::npos);
  EXPECT_NE(o.find("<table class=\"oc\">"), std::string::npos);
  EXPECT_NE(o.find("<table class=\"arms\">"), std::string::npos);
  EXPECT_NE(o.find("<table class=\"infections\">"), std::string::npos);
  EXPECT_NE(o.find("80.0 ± 4.0 %"), std::string::npos) << "power ± sqrt(0.8 · 0.2 / 100)";
  EXPECT_NE(o.find("0.050 ± 0.020"), std::string::npos) << "bias ± 0.2 / sqrt(100)";
  EXPECT_NE(o.find("95.0 ± 2.2 %"), std::string::npos) << "coverage ± sqrt(0.95 · 0.05 / 100)";
  EXPECT_NE(o.find("90.0 ± 3.0 %"), std::string::npos) << "MCP-Mod power";
  EXPECT_NE(o.find("a&lt;b 70.0 %"), std::string::npos) << "dose picked, escaped";
  EXPECT_EQ(o.find("a<b"), std::string::npos);
  EXPECT_NE(o.find("not simulated"), std::string::npos);
  EXPECT_NE(o.find("<table class=\"criteria\">"), std::string::npos);
  EXPECT_NE(o.find("<td>inclusion age</td><td>12.0 %</td>"), std::string::npos);
  // Absent members: no tables of their own.
  EXPECT_EQ(o.find("class=\"looks\""), std::string::npos);
  EXPECT_EQ(o.find("class=\"scenario-power\""), std::string::npos);
  EXPECT_EQ(count(o, "<table"), 5u);
}

TEST(SimHtml, StoppingProbabilitiesAndScenarioWhenPresent) {
  const std::string o = results_html(results(true));
  EXPECT_NE(o.find("Group-sequential design: sri4-w24, a&lt;b vs placebo"), std::string::npos);
  EXPECT_NE(o.find("<p>O'Brien–Fleming-type alpha spending (Lan–DeMets).</p>"), std::string::npos);
  const std::size_t looks = o.find("<table class=\"looks\">");
  ASSERT_NE(looks, std::string::npos);
  const std::string table = o.substr(looks, o.find("</table>", looks) - looks);
  EXPECT_EQ(count(table, "<tr>"), 3u) << "a header and two looks";
  EXPECT_NE(table.find("30.0 ± 1.4 %"), std::string::npos);
  EXPECT_NE(table.find("10.0 ± 0.9 %"), std::string::npos);
  EXPECT_NE(table.find("2.963"), std::string::npos);
  EXPECT_NE(table.find("412"), std::string::npos);
  EXPECT_NE(table.find("61.2"), std::string::npos);
  EXPECT_NE(o.find("overall power ± MC SE</th><td>80.0 ± 1.3 %"), std::string::npos);
  EXPECT_NE(o.find("74.4"), std::string::npos);
  EXPECT_NE(o.find("2.5 %"), std::string::npos);
  EXPECT_NE(o.find("<table class=\"scenario-arms\">"), std::string::npos);
  EXPECT_NE(o.find("response rate 0.35"), std::string::npos);
  EXPECT_NE(o.find("<td>80.0 ± 1.3 %</td><td>62.0 ± 1.5 %</td>"), std::string::npos);
  EXPECT_EQ(count(o, "<table"), 9u);
}

TEST(SimHtml, LookFactsAndScenarioNotesWhenGiven) {
  ordered_json j = results(true);
  ordered_json& g = j["sizes"][0]["group_sequential"];
  for (ordered_json& l : g["looks"]) {
    l["planned_day"] = 400.0;
    l["nominal_alpha"] = 0.0015;
    l["reached"] = 0.97;
  }
  g["trials"] = 100;
  g["expected_enrolled_se"] = 0.8;
  g["binding_futility"] = false;
  g["benefit"] = "higher";
  ordered_json& sc = j["sizes"][0]["scenario"];
  sc.erase("source");
  sc["note"] = "drawn again from the stated rates";
  sc["endpoints"][0]["arms"][0]["from"] = "command line";
  const std::string o = results_html(j);
  EXPECT_NE(o.find("<th>day after recruitment opened, mean (planned)</th>"), std::string::npos);
  EXPECT_NE(o.find("<td>412 (400)</td>"), std::string::npos);
  EXPECT_NE(o.find("<th>nominal level</th>"), std::string::npos);
  EXPECT_NE(o.find("<td>0.0015</td>"), std::string::npos);
  EXPECT_NE(o.find("<td>97.0 %</td>"), std::string::npos);
  EXPECT_NE(o.find("74.4 ± 0.8"), std::string::npos);
  EXPECT_NE(o.find("non-binding"), std::string::npos);
  EXPECT_NE(o.find("<p>drawn again from the stated rates.</p>"), std::string::npos);
  EXPECT_NE(o.find("<th>stated in</th>"), std::string::npos);
  EXPECT_NE(o.find("<td>command line</td>"), std::string::npos);
}

TEST(SimHtml, ShareStandardError) {
  EXPECT_DOUBLE_EQ(share_se(ordered_json(0.5), ordered_json(100)), 0.05);
  EXPECT_TRUE(std::isnan(share_se(ordered_json(nullptr), ordered_json(100))));
  EXPECT_TRUE(std::isnan(share_se(ordered_json(0.5), ordered_json(0))));
}

TEST(SimHtml, DoseResponsePlotsEndpointsWithTwoDoses) {
  const ordered_json j = results(false);
  const std::string plots = dose_response_html(j, {{"placebo", 0}, {"low", 0.5}, {"a<b", 1}});
  EXPECT_EQ(count(plots, "<svg"), 1u) << "the endpoint with arms; not the one without";
  EXPECT_NE(plots.find("sri4-w24 (primary): mean by IL-2 dose"), std::string::npos);
  EXPECT_NE(plots.find("<polygon"), std::string::npos) << "the 5–95 % band";
  EXPECT_NE(plots.find("stroke-dasharray"), std::string::npos) << "the truth";
  EXPECT_NE(plots.find("a&lt;b"), std::string::npos);
  // Arms at one dose: whiskers side by side, no joining line through them.
  const std::string same = dose_response_html(j, {{"placebo", 0}, {"low", 1}, {"a<b", 1}});
  EXPECT_EQ(count(same, "<svg"), 1u);
  EXPECT_EQ(same.find("<polygon"), std::string::npos);
  EXPECT_NE(same.find("<path d=\"M"), std::string::npos);
  // One dose only: no plot.
  EXPECT_EQ(dose_response_html(j, {{"placebo", 0}, {"low", 0}, {"a<b", 0}}), "");
}

}  // namespace
}  // namespace il2t::report
