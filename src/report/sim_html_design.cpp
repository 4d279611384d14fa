#include "report/sim_html_design.h"

#include <cmath>
#include <vector>

#include "report/sim_html_cells.h"

namespace il2t::report {

using namespace cells;

namespace {

// Whether any look gives `key` (a column shown only when the results have it).
bool any_look(const ordered_json& looks, const char* key) {
  for (const ordered_json& l : looks)
    if (!at(l, key).is_null()) return true;
  return false;
}

}  // namespace

std::string group_sequential_html(const ordered_json& size) {
  const ordered_json& g = at(size, "group_sequential");
  if (!g.is_object()) return "";
  const ordered_json& looks = at(g, "looks");
  const std::string label = at(g, "label").is_string() ? str(g, "label") : "power";
  std::string o = "<h4>Group-sequential design: " + h(str(g, "endpoint")) + ", " + h(str(g, "comparison")) + "</h4>\n";
  if (const std::string s = str(g, "spending"); !s.empty()) o += "<p>" + h(s) + "</p>\n";
  const bool planned = any_look(looks, "planned_day"), nominal = any_look(looks, "nominal_alpha"),
             reached = any_look(looks, "reached");
  std::vector<std::string> cols{"look", "information", planned ? "day after recruitment opened, mean (planned)" : "day after recruitment opened, mean",
                                "efficacy bound (z)", "futility bound (z)"};
  if (nominal) cols.push_back("nominal level");
  if (reached) cols.push_back("trials reaching it");
  for (const char* c : {"stop for efficacy ± MC SE", "stop for futility ± MC SE", "enrolled (mean)", "analysed (mean)"})
    cols.push_back(c);
  o += "<table class=\"looks\">\n" + head(cols);
  for (const ordered_json& l : looks) {
    std::string day = val(at(l, "day"), 0);
    if (planned) day += " (" + val(at(l, "planned_day"), 0) + ")";
    std::vector<std::string> cells{val(at(l, "look"), 0), val(at(l, "information"), 2), day, val(at(l, "efficacy_z"), 3),
                                   val(at(l, "futility_z"), 3)};
    if (nominal) cells.push_back(val(at(l, "nominal_alpha"), 4));
    if (reached) cells.push_back(pct(at(l, "reached")));
    cells.push_back(pct_se(at(l, "stop_efficacy"), number(at(l, "stop_efficacy_se"))));
    cells.push_back(pct_se(at(l, "stop_futility"), number(at(l, "stop_futility_se"))));
    cells.push_back(val(at(l, "enrolled"), 1));
    cells.push_back(val(at(l, "analysed"), 1));
    o += row(cells);
  }
  o += "</table>\n<table class=\"totals\">\n";
  auto fact = [&](const std::string& k, const std::string& v) { o += "<tr><th>" + h(k) + "</th><td>" + v + "</td></tr>\n"; };
  if (!at(g, "trials").is_null()) fact("replicate trials", val(at(g, "trials"), 0));
  fact("overall " + label + " ± MC SE", pct_se(at(g, "rejection"), number(at(g, "rejection_se"))));
  const ordered_json& enrolled_se = at(g, "expected_enrolled_se");
  fact(enrolled_se.is_null() ? "expected number enrolled" : "expected number enrolled ± MC SE",
       val_se(at(g, "expected_enrolled"), number(enrolled_se), 1));
  fact("expected number analysed", val(at(g, "expected_analysed"), 1));
  if (!at(g, "one_sided_alpha").is_null()) fact("one-sided level", val(at(g, "one_sided_alpha"), 4));
  fact("type I error of the bounds", pct(at(g, "design_type_i_error")));
  if (at(g, "binding_futility").is_boolean()) fact("futility bounds", flag(at(g, "binding_futility")) ? "binding" : "non-binding");
  if (const std::string b = str(g, "benefit"); !b.empty()) fact("IL-2 benefits when the estimate is", h(b));
  return o + "</table>\n";
}

std::string scenario_html(const ordered_json& size, bool null_effect) {
  const ordered_json& sc = at(size, "scenario");
  if (!sc.is_object()) return "";
  const std::string rate = null_effect ? "type I error" : "power";
  std::string o = "<h4>Assumed-rate scenario against the model</h4>\n";
  for (const char* key : {"source", "note"})
    if (const std::string s = str(sc, key); !s.empty()) o += "<p>" + h(s) + (s.back() == '.' ? "" : ".") + "</p>\n";
  bool from = false;
  for (const ordered_json& e : at(sc, "endpoints"))
    for (const ordered_json& a : at(e, "arms")) from = from || at(a, "from").is_string();
  std::string arms, comps;
  for (const ordered_json& e : at(sc, "endpoints")) {
    const ordered_json& a = at(e, "arms");
    for (std::size_t k = 0; k < a.size(); ++k) {
      arms += std::string("<tr>") +
              (k == 0 ? fmt::format("<td rowspan=\"{}\"><b>{}</b></td>", a.size(), h(str(e, "id"))) : std::string()) +
              "<td>" + h(str(a[k], "id")) + "</td><td>" + h(str(a[k], "assumed")) + "</td>";
      if (from) arms += "<td>" + h(str(a[k], "from")) + "</td>";
      arms += "<td>" + val(at(a[k], "model_mean")) + "</td><td>" + val(at(a[k], "assumed_mean")) + "</td></tr>\n";
    }
    const ordered_json& c = at(e, "comparisons");
    for (std::size_t k = 0; k < c.size(); ++k)
      comps += std::string("<tr>") +
               (k == 0 ? fmt::format("<td rowspan=\"{}\"><b>{}</b></td>", c.size(), h(str(e, "id"))) : std::string()) +
               fmt::format("<td>{}</td><td>{}</td><td>{}</td></tr>\n", h(str(c[k], "comparison")),
                           pct_se(at(c[k], "model"), number(at(c[k], "model_se"))),
                           pct_se(at(c[k], "assumed"), number(at(c[k], "assumed_se"))));
  }
  if (!arms.empty()) {
    std::vector<std::string> cols{"endpoint", "arm", "assumed"};
    if (from) cols.push_back("stated in");
    for (const char* c : {"arm mean, model", "arm mean, assumed"}) cols.push_back(c);
    o += "<table class=\"scenario-arms\">\n" + head(cols) + arms + "</table>\n";
  }
  if (!comps.empty())
    o += "<table class=\"scenario-power\">\n" +
         head({"endpoint", "comparison", rate + " under the model ± MC SE", rate + " under the assumed values ± MC SE"}) +
         comps + "</table>\n";
  return o;
}

}  // namespace il2t::report
