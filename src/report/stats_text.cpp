// `il2trial stats` as text: the lines every analysis shares (statistic, df, p_value,
// estimate, std_error, interval, with what each is), then the analysis's own table.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "report/stats_runner.h"

namespace il2t::report {

namespace {

using nlohmann::ordered_json;

// A JSON number as text: null as NA, R's "Inf" / "-Inf" as written, others to 6 digits.
std::string num(const ordered_json& v) {
  if (v.is_null()) return "NA";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return fmt::format("{:.6g}", v.get<double>());
}

// "[lower, upper]"; "[lower, Inf)" where the upper end is open.
std::string interval(const ordered_json& lower, const ordered_json& upper) {
  const bool open = upper.is_string() && upper.get<std::string>() == "Inf";
  return "[" + num(lower) + ", " + num(upper) + (open ? ")" : "]");
}

// "95%" for 0.95.
std::string level(const ordered_json& r) { return fmt::format("{:g}%", 100 * r.value("conf_level", 0.95)); }

// Display width of UTF-8 text (one column per code point: "–" and "−" are one).
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

// Rows under a header, indented by two spaces: the first column left-aligned, the
// others right-aligned, two spaces apart.
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w;
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (w.size() <= c) w.push_back(0);
      w[c] = std::max(w[c], width(row[c]));
    }
  std::string out;
  for (const auto& row : rows) {
    std::string line = " ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(w[c] - width(row[c]), ' ');
      line += " " + (c == 0 ? row[c] + pad : pad + row[c]);
      if (c == 0) line += " ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string proportion_text(const ordered_json& r) {
  const std::string lv = level(r);
  std::vector<std::vector<std::string>> rows{{"group", "x/n", "proportion", "Wilson " + lv + " CI", "Clopper–Pearson " + lv + " CI"}};
  for (const auto& g : r["per_group"])
    rows.push_back({g["group"].get<std::string>(), num(g["x"]) + "/" + num(g["n"]), num(g["proportion"]),
                    interval(g["wilson"][0], g["wilson"][1]), interval(g["clopper_pearson"][0], g["clopper_pearson"][1])});
  return table(rows);
}

std::string logistic_text(const ordered_json& r) {
  std::vector<std::vector<std::string>> rows{{"coefficient", "estimate", "std_error", "z", "p_value", level(r) + " CI (Wald)"}};
  for (const auto& c : r["coefficients"])
    rows.push_back({c["name"].get<std::string>(), num(c["estimate"]), num(c["std_error"]), num(c["z"]), num(c["p_value"]),
                    interval(c["ci_lower"], c["ci_upper"])});
  std::string o = table(rows);
  o += "  (coefficients on the log-odds scale; the odds ratio is exp(group))\n";
  const int it = r.value("iterations", 0);
  o += fmt::format("  deviance {} (null {}); ", num(r["deviance"]), num(r["null_deviance"])) +
       (r.value("converged", false) ? fmt::format("converged in {} iterations\n", it)
                                    : fmt::format("NOT converged after {} iterations: the estimates are where the iterations stopped\n", it));
  return o;
}

std::string dunnett_text(const ordered_json& r) {
  std::string o = fmt::format("  control: {}; critical value {}\n", r["control"].get<std::string>(), num(r["critical_value"]));
  std::vector<std::vector<std::string>> rows{
      {"group", "estimate", "std_error", "statistic", "adjusted p", level(r) + " simultaneous CI"}};
  for (const auto& c : r["comparisons"])
    rows.push_back({c["group"].get<std::string>(), num(c["difference"]), num(c["std_error"]), num(c["statistic"]),
                    num(c["p_value"]), interval(c["ci_lower"], c["ci_upper"])});
  o += table(rows);
  o += "  (estimate: difference of means, group − " + r["control"].get<std::string>() + ")\n";
  return o;
}

std::string mcpmod_text(const ordered_json& r) {
  std::string o = fmt::format("  critical value {} (one-sided, alpha {})\n", num(r["critical_value"]), num(r["alpha"]));
  std::vector<std::vector<std::string>> rows{{"model", "t", "adjusted p", "significant", "AIC", "target dose"}};
  for (const auto& m : r["models"]) {
    const bool fitted = m.contains("fit");
    rows.push_back({m["model"].get<std::string>(), num(m["t"]), num(m["p_value"]), num(m["significant"]),
                    fitted ? num(m["fit"]["aic"]) : "-", fitted ? num(m["fit"]["target_dose"]) : "-"});
  }
  o += table(rows);
  const std::string toward = r.value("direction", "") == "decreasing" ? "below" : "above";
  if (r["selected_model"].is_null()) {
    o += "  selected model: none (no contrast is significant)\n  target dose: NA\n";
    return o;
  }
  o += "  selected model: " + r["selected_model"].get<std::string>() + " (the smallest AIC among the significant models)\n";
  o += "  target dose: " + num(r["target_dose"]) +
       (r["target_dose"].is_null() ? fmt::format(" (no dose up to {} reaches {} {} placebo on it)\n", num(r["max_dose"]),
                                                 num(r["delta"]), toward)
                                   : fmt::format(" (the smallest dose {} {} placebo on it)\n", num(r["delta"]), toward));
  return o;
}

std::string km_groups_text(const ordered_json& r) {
  std::vector<std::vector<std::string>> rows{{"group", "n", "events", "median", level(r) + " CI"}};
  bool missing = false;
  for (const auto& g : r["per_group"]) {
    rows.push_back({g["group"].get<std::string>(), num(g["n"]), num(g["events"]), num(g["median"]),
                    interval(g["ci_lower"], g["ci_upper"])});
    missing = missing || g["median"].is_null() || g["ci_lower"].is_null() || g["ci_upper"].is_null();
  }
  std::string o = table(rows);
  if (missing) o += "  (NA: the curve, or that limit of its interval, does not fall to 0.5)\n";
  return o;
}

std::string wilcoxon_text(const ordered_json& r) {
  return fmt::format("  n: {} {}, {} {}\n", r["groups"][0].get<std::string>(), num(r["n"][0]),
                     r["groups"][1].get<std::string>(), num(r["n"][1]));
}

}  // namespace

std::string stats_text(const ordered_json& r) {
  std::string o = r.value("method", std::string(r.value("analysis", ""))) + "\n";
  if (r.contains("groups")) {
    std::string g;
    for (const auto& x : r["groups"]) g += (g.empty() ? "" : " vs ") + x.get<std::string>();
    o += "  groups: " + g + "\n";
  }
  for (const char* k : {"statistic", "df", "p_value", "estimate", "std_error", "ci_lower", "ci_upper"}) {
    if (!r.contains(k)) continue;
    o += fmt::format("  {:<10} {}\n", k, num(r[k]));
  }
  if (r.contains("statistic_is")) o += "  (statistic: " + r["statistic_is"].get<std::string>() + ")\n";
  if (r.contains("estimate_is")) o += "  (estimate: " + r["estimate_is"].get<std::string>() + ")\n";
  if (r.contains("ci_is")) o += "  (interval: " + r["ci_is"].get<std::string>() + ")\n";
  const std::string a = r.value("analysis", "");
  if (a == "proportion") o += proportion_text(r);
  else if (a == "logistic") o += logistic_text(r);
  else if (a == "dunnett") o += dunnett_text(r);
  else if (a == "mcpmod") o += mcpmod_text(r);
  else if (a == "km" && r.contains("per_group")) o += km_groups_text(r);
  else if (a == "wilcoxon") o += wilcoxon_text(r);
  return o;
}

}  // namespace il2t::report
