#include "report/sim_text.h"

#include <fmt/format.h>

namespace il2t::report {

namespace {

using nlohmann::ordered_json;

std::string pct(const ordered_json& v) { return v.is_number() ? fmt::format("{:.1f} %", 100 * v.get<double>()) : "–"; }
std::string val(const ordered_json& v, int digits = 3) {
  return v.is_number() ? fmt::format("{:.{}f}", v.get<double>(), digits) : "–";
}

}  // namespace

std::string simulation_text(const ordered_json& j) {
  const ordered_json& pv = j["provenance"];
  const bool null_effect = pv["null"].get<bool>();
  const char* rate = null_effect ? "type_i_error" : "power";
  std::string out = fmt::format("{} · {} replicates · seed {}{}\n", j["protocol"].get<std::string>(),
                                pv["replicates"].get<std::int64_t>(), pv["seed"].get<std::uint64_t>(),
                                null_effect ? " · null: IL-2 without effect" : "");
  for (const ordered_json& size : j["sizes"]) {
    out += fmt::format("\nn = {} · {} replicate trials run{} · screened {} per trial ({} fail screening) · {} complete · {} of doses taken\n",
                       size["n"].get<int>(), size["replicates"].get<std::int64_t>(),
                       size["failed"].get<std::int64_t>() > 0 ? fmt::format(" ({} failed)", size["failed"].get<std::int64_t>()) : "",
                       val(size["screened_per_replicate"], 1), pct(size["screen_failure_rate"]), pct(size["completion_rate"]),
                       pct(size["doses_taken_rate"]));
    if (!size["excluded_by_criterion"].empty()) {
      std::string by;
      for (const auto& [k, v] : size["excluded_by_criterion"].items()) by += fmt::format("{}{} {}", by.empty() ? "" : ", ", k, pct(v));
      out += "excluded by (of those screened): " + by + "\n";
    }
    for (const ordered_json& e : size["endpoints"]) {
      out += fmt::format("\n{} {} ({}, {})\n", e["primary"].get<bool>() ? "primary" : "secondary", e["id"].get<std::string>(),
                         e["instrument"].get<std::string>(), e["method"].get<std::string>());
      if (e.contains("note")) out += "  " + e["note"].get<std::string>() + "\n";
      if (!e.contains("arms")) continue;
      out += fmt::format("  {:<16} {:>9} {:>19} {:>9}\n", "arm", "mean", "5–95 % of trials", "truth");
      for (const ordered_json& a : e["arms"])
        out += fmt::format("  {:<16} {:>9} {:>19} {:>9}\n", a["id"].get<std::string>(), val(a["mean"]),
                           val(a["p05"]) + " – " + val(a["p95"]), val(a["truth"]));
      if (e.contains("comparisons"))
        for (const ordered_json& c : e["comparisons"])
          out += fmt::format("  {}: {} {} · {} {} (truth {}, bias {}, coverage {})\n", c["comparison"].get<std::string>(),
                             null_effect ? "type I error" : "power", pct(c[rate]), c["scale"].get<std::string>(),
                             val(c["mean_estimate"]), val(c["truth"]), val(c["bias"]), pct(c["coverage"]));
      if (e.contains("mcp_mod")) {
        const ordered_json& m = e["mcp_mod"];
        std::string picks;
        for (const auto& [arm, f] : m["dose_picked"].items()) picks += fmt::format("{}{} {}", picks.empty() ? "" : ", ", arm, pct(f));
        out += fmt::format("  MCP-Mod {}: {} · dose picked: {}\n", null_effect ? "type I error" : "power", pct(m[rate]), picks);
      }
    }
    out += "\ninfections per 100 patient-years (serious):";
    for (const ordered_json& i : size["infections"])
      out += fmt::format(" {} {} ({})", i["arm"].get<std::string>(), val(i["per_100_patient_years"], 1),
                         val(i["serious_per_100_patient_years"], 1));
    out += "\n";
  }
  if (j["power_curve"].size() > 1) {
    out += fmt::format("\n{} of the primary comparison by n:", null_effect ? "type I error" : "power");
    for (const ordered_json& p : j["power_curve"]) out += fmt::format(" {} {}", p["n"].get<int>(), pct(p[rate]));
    out += "\n";
  }
  return out;
}

}  // namespace il2t::report
