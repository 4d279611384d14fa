#pragma once
// Cells of the simulation report's HTML tables, read from the results JSON: a member
// that a run lacks reads as null and prints as "–"; shares print as percentages, with
// their Monte Carlo standard error when one is given; all text escaped.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "report/sim_text.h"
#include "report/svg_plot.h"

namespace il2t::report::cells {

using nlohmann::ordered_json;

inline std::string h(const std::string& s) { return xml_escape(s); }

// The member `key` of `j`, or null.
inline const ordered_json& at(const ordered_json& j, const char* key) {
  static const ordered_json none;
  if (!j.is_object()) return none;
  const auto it = j.find(key);
  return it == j.end() ? none : *it;
}
inline std::string str(const ordered_json& j, const char* key) {
  const ordered_json& v = at(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}
inline double number(const ordered_json& v) { return v.is_number() ? v.get<double>() : NAN; }
inline bool flag(const ordered_json& v) { return v.is_boolean() && v.get<bool>(); }

inline std::string pct(const ordered_json& v) { return percent_text(v); }
inline std::string val(const ordered_json& v, int digits = 3) { return value_text(v, digits); }
// "81.2 ± 1.7 %": a share with its Monte Carlo SE (the SE left out when it is not a number).
inline std::string pct_se(const ordered_json& p, double se) {
  if (!p.is_number()) return "–";
  if (!std::isfinite(se)) return pct(p);
  return fmt::format("{:.1f} ± {:.1f} %", 100 * p.get<double>(), 100 * se);
}
inline std::string val_se(const ordered_json& v, double se, int digits = 3) {
  if (!v.is_number()) return "–";
  if (!std::isfinite(se)) return val(v, digits);
  return fmt::format("{:.{}f} ± {:.{}f}", v.get<double>(), digits, se, digits);
}

// A row of cells (already HTML), and a header row of plain text.
inline std::string row(const std::vector<std::string>& cells) {
  std::string o = "<tr>";
  for (const std::string& c : cells) o += "<td>" + c + "</td>";
  return o + "</tr>\n";
}
inline std::string head(const std::vector<std::string>& cells) {
  std::string o = "<tr>";
  for (const std::string& c : cells) o += "<th>" + h(c) + "</th>";
  return o + "</tr>\n";
}

}  // namespace il2t::report::cells
