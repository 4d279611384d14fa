#include "report/sample_size_report.h"

#include <cmath>
#include <fmt/format.h>

namespace il2t::report {

namespace {

nlohmann::ordered_json number_or_null(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nullptr; }
nlohmann::ordered_json size_or_null(const std::optional<int>& n) { return n ? nlohmann::ordered_json(*n) : nullptr; }

}  // namespace

nlohmann::ordered_json sample_size_json(const trial::TrialDesign& d, const trial::SizeSearch& s, std::int64_t replicates) {
  nlohmann::ordered_json j;
  const auto main = trial::main_comparison(d);
  const trial::EndpointPlan& e = d.endpoints[main->first];
  j["protocol"] = d.protocol->identity.id.value;
  j["endpoint"] = e.id;
  j["method"] = trial::to_string(e.method);
  j["comparison"] = e.method == trial::Method::mcp_mod ? std::string("dose-response (MCP-Mod)")
                                                       : d.arms[main->second].id + " vs " + d.arms[e.reference].id;
  j["rate"] = s.assurance ? "assurance" : "power";
  j["target"] = s.target;
  j["replicates_per_size"] = replicates;
  j["range"] = {s.lo, s.hi};
  j["n"] = size_or_null(s.n);
  j["monte_carlo_range"] = {size_or_null(s.n_low), size_or_null(s.n_high)};
  nlohmann::ordered_json truth = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < e.arms.size() && k < s.truth_mean.size(); ++k)
    truth[d.arms[e.arms[k]].id] = number_or_null(s.truth_mean[k]);
  j["truth_arm_mean"] = truth;
  j["sizes"] = nlohmann::ordered_json::array();
  for (const trial::SizePoint& p : s.points)
    j["sizes"].push_back({{"n", p.n}, {"analysed", p.count.ok}, {"successes", p.count.success},
                          {"rate", number_or_null(p.rate())}, {"se", number_or_null(p.se())}});
  return j;
}

std::string sample_size_text(const nlohmann::ordered_json& j) {
  const std::string rate = j["rate"].get<std::string>();
  std::string o = fmt::format("{}: the smallest size whose {} ({}, {}) reaches {:.1f} %\n", j["protocol"].get<std::string>(),
                              rate, j["endpoint"].get<std::string>(), j["comparison"].get<std::string>(),
                              100 * j["target"].get<double>());
  o += fmt::format("  searched n = {} to {}, {} replicate trials per size\n\n", j["range"][0].get<int>(),
                   j["range"][1].get<int>(), j["replicates_per_size"].get<std::int64_t>());
  o += fmt::format("  {:>6}  {:>8}  {:>8}\n", "n", rate, "MC SE");
  for (const auto& p : j["sizes"])
    o += fmt::format("  {:>6}  {:>8}  {:>8}\n", p["n"].get<int>(),
                     p["rate"].is_null() ? "-" : fmt::format("{:.1f} %", 100 * p["rate"].get<double>()),
                     p["se"].is_null() ? "-" : fmt::format("{:.1f} %", 100 * p["se"].get<double>()));
  auto size = [](const nlohmann::ordered_json& v) { return v.is_null() ? std::string("none in the range") : std::to_string(v.get<int>()); };
  o += "\n";
  if (j["n"].is_null()) {
    o += fmt::format("  not reached within n = {}: widen --size-range\n", j["range"][1].get<int>());
  } else {
    if (j["n"].get<int>() == j["range"][0].get<int>())
      o += "  reached at the lower end of the range: a smaller size may reach it too (lower --size-range)\n";
    o += fmt::format("  n = {} (Monte Carlo range {} to {}: the sizes whose {} is within 1.96 SE of the target;\n"
                     "  more --replicates narrow it)\n",
                     j["n"].get<int>(), size(j["monte_carlo_range"][0]), size(j["monte_carlo_range"][1]), rate);
  }
  return o;
}

}  // namespace il2t::report
