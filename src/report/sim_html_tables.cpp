#include "report/sim_html_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "report/sim_html_cells.h"
#include "report/sim_html_design.h"

namespace il2t::report {

using namespace cells;

namespace {

// The endpoint's cell: its id, whether primary, its instrument and analysis.
std::string endpoint_cell(const ordered_json& e) {
  std::string what = str(e, "instrument") + " · " + str(e, "method");
  if (at(e, "multiplicity").is_string()) what += " · " + str(e, "multiplicity") + "-adjusted across doses";
  return "<b>" + h(str(e, "id")) + "</b>" + (flag(at(e, "primary")) ? " (primary)" : "") +
         "<br><span class=\"note\">" + h(what) + "</span>";
}

// Which sizes the criterion table shows: all, up to kCriterionColumns; else the largest.
constexpr std::size_t kCriterionColumns = 8;

std::string criteria_html(const ordered_json& sizes) {
  std::vector<const ordered_json*> shown;
  for (const ordered_json& s : sizes) shown.push_back(&s);
  if (shown.size() > kCriterionColumns) shown.erase(shown.begin(), shown.end() - 1);
  std::vector<std::string> criteria;  // in the order the first size lists them, then any others
  for (const ordered_json* s : shown)
    for (const auto& [criterion, share] : at(*s, "excluded_by_criterion").items())
      if (std::find(criteria.begin(), criteria.end(), criterion) == criteria.end()) criteria.push_back(criterion);
  if (criteria.empty()) return "";
  std::vector<std::string> cols{"criterion"};
  for (const ordered_json* s : shown) cols.push_back("n = " + val(at(*s, "n"), 0));
  std::string o = "<p>Share of the candidates screened that each criterion excluded" +
                  std::string(shown.size() < sizes.size() ? " (the largest size)" : "") + ":</p>\n<table class=\"criteria\">\n" +
                  head(cols);
  for (const std::string& c : criteria) {
    std::vector<std::string> cells{h(c)};
    for (const ordered_json* s : shown) cells.push_back(pct(at(at(*s, "excluded_by_criterion"), c.c_str())));
    o += row(cells);
  }
  return o + "</table>\n";
}

}  // namespace

double share_se(const ordered_json& p, const ordered_json& n) {
  const double x = number(p), m = number(n);
  if (!std::isfinite(x) || !(m >= 1)) return NAN;
  return std::sqrt(std::max(0.0, x * (1 - x)) / m);
}

std::string run_facts_html(const ordered_json& results) {
  bool strata = false;
  for (const ordered_json& s : at(results, "sizes")) strata = strata || at(s, "unplaced_in_strata_rate").is_number();
  std::vector<std::string> cols{"participants", "replicate trials", "screened per trial", "fail screening",
                                "eligibility undetermined"};
  if (strata) cols.push_back("in no stratum");
  for (const char* c : {"complete the trial", "doses taken"}) cols.push_back(c);
  std::string o = "<table class=\"facts\">\n" + head(cols);
  std::string failures;
  for (const ordered_json& s : at(results, "sizes")) {
    const ordered_json& failed = at(s, "failed");
    std::string run = val(at(s, "replicates"), 0);
    if (failed.is_number_integer() && failed.get<std::int64_t>() > 0) {
      run += " (" + val(failed, 0) + " failed)";
      const ordered_json& first = at(s, "first_failure");
      failures += "<li>n = " + val(at(s, "n"), 0) + ": replicate " + val(at(first, "replicate"), 0) + " failed first: " +
                  h(str(first, "error")) + "</li>\n";
    }
    std::vector<std::string> cells{val(at(s, "n"), 0), run, val(at(s, "screened_per_replicate"), 1),
                                   pct(at(s, "screen_failure_rate")), pct(at(s, "undetermined_rate"))};
    if (strata) cells.push_back(pct(at(s, "unplaced_in_strata_rate")));
    cells.push_back(pct(at(s, "completion_rate")));
    cells.push_back(pct(at(s, "doses_taken_rate")));
    o += row(cells);
  }
  o += "</table>\n";
  if (!failures.empty()) o += "<p>Replicate trials that failed (left out of every figure):</p>\n<ul>\n" + failures + "</ul>\n";
  return o + criteria_html(at(results, "sizes"));
}

std::string operating_html(const ordered_json& size, bool null_effect) {
  const char* rate = null_effect ? "type_i_error" : "power";
  std::string o = "<table class=\"oc\">\n" +
                  head({"endpoint", "analysis", null_effect ? "type I error ± MC SE" : "power ± MC SE", "trials analysed",
                        "mean estimate", "truth", "bias ± MC SE", "empirical SE", "coverage ± MC SE"});
  for (const ordered_json& e : at(size, "endpoints")) {
    std::vector<std::string> rows;
    for (const ordered_json& c : at(e, "comparisons")) {
      const ordered_json& n = at(c, "analysed");
      const double bias_se = number(at(c, "empirical_se")) / std::sqrt(number(n));
      rows.push_back("<td>" + h(str(c, "comparison")) + "<br><span class=\"note\">" + h(str(c, "scale")) + "</span></td>" +
                     fmt::format("<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                                 pct_se(at(c, rate), share_se(at(c, rate), n)), val(n, 0), val(at(c, "mean_estimate")),
                                 val(at(c, "truth")), val_se(at(c, "bias"), bias_se), val(at(c, "empirical_se")),
                                 pct_se(at(c, "coverage"), share_se(at(c, "coverage"), n))));
    }
    if (const ordered_json& m = at(e, "mcp_mod"); m.is_object()) {
      std::string picks;
      for (const auto& [arm, share] : at(m, "dose_picked").items()) picks += (picks.empty() ? "" : "; ") + h(arm) + " " + pct(share);
      rows.push_back(fmt::format("<td>MCP-Mod test</td><td>{}</td><td>{}</td><td colspan=\"5\">dose picked: {}</td>",
                                 pct_se(at(m, rate), share_se(at(m, rate), at(m, "analysed"))), val(at(m, "analysed"), 0),
                                 picks.empty() ? "–" : picks));
    }
    if (rows.empty())
      rows.push_back(std::string("<td colspan=\"8\">") +
                     (at(e, "arms").is_array() ? "descriptive: the arms' means only (below)"
                                               : "not simulated (see the assumptions)") +
                     "</td>");
    o += fmt::format("<tr><td rowspan=\"{}\">{}</td>{}</tr>\n", rows.size(), endpoint_cell(e), rows.front());
    for (std::size_t k = 1; k < rows.size(); ++k) o += "<tr>" + rows[k] + "</tr>\n";
  }
  return o + "</table>\n";
}

std::string arm_means_html(const ordered_json& size) {
  std::string o = "<table class=\"arms\">\n" +
                  head({"endpoint", "arm", "mean across trials", "SD across trials", "median", "5–95 % of trials", "truth"});
  bool any = false;
  for (const ordered_json& e : at(size, "endpoints")) {
    const ordered_json& arms = at(e, "arms");
    if (!arms.is_array() || arms.empty()) continue;
    any = true;
    bool first = true;
    for (const ordered_json& a : arms) {
      o += "<tr>";
      if (first) o += fmt::format("<td rowspan=\"{}\">{}</td>", arms.size(), endpoint_cell(e));
      first = false;
      o += fmt::format("<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} – {}</td><td>{}</td></tr>\n", h(str(a, "id")),
                       val(at(a, "mean")), val(at(a, "sd")), val(at(a, "p50")), val(at(a, "p05")), val(at(a, "p95")),
                       val(at(a, "truth")));
    }
  }
  return any ? o + "</table>\n" : "";
}

std::string infections_html(const ordered_json& size) {
  const ordered_json& inf = at(size, "infections");
  if (!inf.is_array() || inf.empty()) return "";
  std::vector<std::string> cols{"arm", "infections per 100 patient-years", "serious per 100 patient-years",
                                "SD of the rate across trials"};
  const ordered_json& km0 = at(inf.front(), "kaplan_meier");
  for (const ordered_json& k : km0) cols.push_back("free of infection at day " + val(at(k, "day"), 0));
  std::string o = "<table class=\"infections\">\n" + head(cols);
  for (const ordered_json& i : inf) {
    std::vector<std::string> cells{h(str(i, "arm")), val(at(i, "per_100_patient_years"), 1),
                                   val(at(i, "serious_per_100_patient_years"), 1), val(at(i, "replicate_rate_sd"), 1)};
    const ordered_json& km = at(i, "kaplan_meier");
    for (std::size_t k = 0; k < km0.size(); ++k)
      cells.push_back(k < km.size() ? pct(at(km[k], "free_of_infection")) : "–");
    o += row(cells);
  }
  return o + "</table>\n";
}

std::string results_html(const ordered_json& results) {
  const bool null_effect = flag(at(at(results, "provenance"), "null"));
  std::string o = "<h2>Results</h2>\n<p>Every figure is over the replicate trials run at each size. "
                  "“± MC SE” is the Monte Carlo standard error of a figure: √(p(1−p)/trials) for a share p, "
                  "empirical SE/√trials for the bias. Truth is each effect in one large balanced trial.";
  if (null_effect) o += " IL-2 had no effect in this run (--null): the rejection rate is the type I error.";
  o += "</p>\n";
  if (const ordered_json& r = at(results, "randomisation"); r.is_object())
    o += "<p>Randomisation: " + h(str(r, "note")) + "</p>\n";
  o += "<h3>The runs</h3>\n" + run_facts_html(results);
  for (const ordered_json& s : at(results, "sizes")) {
    o += "<h3>n = " + val(at(s, "n"), 0) + " participants</h3>\n<h4>Operating characteristics</h4>\n" +
         operating_html(s, null_effect);
    if (const std::string arms = arm_means_html(s); !arms.empty())
      o += "<h4>Each arm's mean across replicate trials</h4>\n" + arms;
    o += group_sequential_html(s) + scenario_html(s, null_effect);
    if (const std::string inf = infections_html(s); !inf.empty())
      o += "<h4>Infections (all replicate trials pooled)</h4>\n" + inf;
  }
  return o;
}

}  // namespace il2t::report
