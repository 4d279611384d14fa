#include "report/sim_html_dose.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "report/svg_plot.h"

namespace il2t::report {

namespace {

using nlohmann::ordered_json;

double number(const ordered_json& a, const char* key) {
  const auto it = a.find(key);
  return it != a.end() && it->is_number() ? it->get<double>() : NAN;
}

// An endpoint's arm, placed at its dose.
struct Point {
  std::size_t arm = 0;  // in the design's order
  double dose = 0, p05 = NAN, p50 = NAN, p95 = NAN, truth = NAN;
};

std::vector<Point> points(const ordered_json& endpoint, const std::vector<ArmDose>& arms) {
  std::vector<Point> out;
  const auto it = endpoint.find("arms");
  if (it == endpoint.end() || !it->is_array()) return out;
  for (const ordered_json& a : *it) {
    const auto id = a.find("id");
    if (id == a.end() || !id->is_string()) continue;
    for (std::size_t k = 0; k < arms.size(); ++k)
      if (arms[k].id == id->get<std::string>())
        out.push_back({k, arms[k].dose_miu, number(a, "p05"), number(a, "p50"), number(a, "p95"), number(a, "truth")});
  }
  std::stable_sort(out.begin(), out.end(), [](const Point& x, const Point& y) { return x.dose < y.dose; });
  return out;
}

// One panel: with one arm per dose, the median's line and band through the doses, the
// truth dashed, each arm a dot; with several arms at a dose, each arm its own dot and
// 5–95 % whisker, side by side, and the truth as open dots.
Panel panel(const std::string& title, const std::vector<Point>& pts, const std::vector<ArmDose>& arms) {
  Panel p;
  p.title = title;
  bool one_per_dose = true;
  for (std::size_t i = 1; i < pts.size(); ++i) one_per_dose = one_per_dose && pts[i].dose != pts[i - 1].dose;
  Series truth;
  truth.label = "truth (large trial)";
  truth.colour = "#222";
  truth.dashed = true;
  truth.markers = true;
  truth.hollow = true;
  if (one_per_dose) {
    Series band;
    band.label = "median (5–95 %)";
    band.colour = "#555";
    for (const Point& x : pts) {
      band.x.push_back(x.dose);
      band.y.push_back(x.p50);
      band.lower.push_back(x.p05);
      band.upper.push_back(x.p95);
      truth.x.push_back(x.dose);
      truth.y.push_back(x.truth);
    }
    p.series.push_back(band);
    p.series.push_back(truth);
  }
  for (std::size_t i = 0; i < pts.size(); ++i) {
    std::size_t at_dose = 0, rank = 0;  // arms at this dose, and this one's place among them
    for (std::size_t j = 0; j < pts.size(); ++j)
      if (pts[j].dose == pts[i].dose) {
        if (j < i) ++rank;
        ++at_dose;
      }
    Series s;
    s.label = arms[pts[i].arm].id;
    s.colour = palette_colour(pts[i].arm);
    s.line = false;
    s.markers = true;
    s.x = {pts[i].dose};
    s.y = {pts[i].p50};
    if (!one_per_dose) {
      s.dx = 12 * (static_cast<double>(rank) - static_cast<double>(at_dose - 1) / 2);
      s.whiskers = true;
      s.lower = {pts[i].p05};
      s.upper = {pts[i].p95};
      Series t = truth;
      t.line = false;
      t.legend = i + 1 == pts.size();  // listed once, after the arms
      t.dx = s.dx;
      t.x = s.x;
      t.y = {pts[i].truth};
      p.series.push_back(s);
      p.series.push_back(t);
    } else {
      p.series.push_back(s);
    }
  }
  for (const Point& x : pts) p.marks.push_back(x.dose);
  return p;
}

}  // namespace

std::string dose_response_html(const ordered_json& results, const std::vector<ArmDose>& arms) {
  const auto sizes = results.find("sizes");
  if (sizes == results.end() || !sizes->is_array() || sizes->empty()) return "";
  std::string o;
  const ordered_json& first = sizes->front();
  const auto endpoints = first.find("endpoints");
  if (endpoints == first.end() || !endpoints->is_array()) return "";
  for (std::size_t e = 0; e < endpoints->size(); ++e) {
    std::set<double> doses;
    for (const Point& x : points((*endpoints)[e], arms)) doses.insert(x.dose);
    if (doses.size() < 2) continue;
    const std::string id = (*endpoints)[e].value("id", std::string());
    std::vector<Panel> panels;
    for (const ordered_json& s : *sizes) {
      const auto es = s.find("endpoints");
      if (es == s.end() || !es->is_array() || e >= es->size()) continue;
      const std::vector<Point> pts = points((*es)[e], arms);
      if (pts.size() < 2) continue;
      panels.push_back(panel("n = " + std::to_string(s.value("n", 0)) + ": each arm's mean across replicate trials", pts, arms));
    }
    if (panels.empty()) continue;
    const bool primary = (*endpoints)[e].value("primary", false);
    o += svg_panels(id + (primary ? " (primary)" : "") + ": mean by IL-2 dose", panels, 760, 160,
                    "IL-2 dose (MIU per dose at the protocol's reference body size; 0: no IL-2)", 0.08);
  }
  return o;
}

}  // namespace il2t::report
