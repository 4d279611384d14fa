#include "report/sim_text.h"

#include <fmt/format.h>

#include <cmath>

#include "report/uncertainty.h"

namespace il2t::report {

namespace {

using nlohmann::ordered_json;

std::string pct(const ordered_json& v) { return percent_text(v); }
std::string val(const ordered_json& v, int digits = 3) { return value_text(v, digits); }

std::string sequential_text(const ordered_json& g);

// The probability of success and what moves it (report/uncertainty.h).
std::string uncertainty_text(const ordered_json& u) {
  std::string out = fmt::format(
      "\nwith uncertainty: {} replicate trials, each under its own posterior parameter set and trial effect ({} draws of "
      "{}){}\n",
      u["replicates"].get<std::int64_t>(), u["posterior"]["draws"].get<std::int64_t>(),
      posterior_label(u),
      u["failed"].get<std::int64_t>() > 0 ? fmt::format(" ({} failed)", u["failed"].get<std::int64_t>()) : "");
  out += fmt::format("  probability of success (assurance) of the primary analysis {} · power at the posterior median {}\n",
                     pct(u["primary"]["assurance"]), pct(u["primary"]["power_at_posterior_median"]));
  if (u.contains("group_sequential")) out += "  under the posterior:" + sequential_text(u["group_sequential"]).substr(1);
  for (const ordered_json& e : u["endpoints"]) {
    out += fmt::format("  {} {}: predictive 5–95 % of trials by arm:", e["primary"].get<bool>() ? "primary" : "secondary",
                       e["id"].get<std::string>());
    for (const ordered_json& a : e["arms"])
      out += fmt::format(" {} {} – {};", a["id"].get<std::string>(), val(a["p05"]), val(a["p95"]));
    out.back() = '\n';
    if (e.contains("comparisons"))
      for (const ordered_json& c : e["comparisons"])
        out += fmt::format("    {}: assurance {} (power at the median {})\n", c["comparison"].get<std::string>(),
                           pct(c["assurance"]), pct(c["power_at_posterior_median"]));
    if (e.contains("mcp_mod")) {
      const ordered_json& m = e["mcp_mod"];
      std::string picks;
      for (const auto& [arm, f] : m["dose_picked"].items()) picks += fmt::format("{}{} {}", picks.empty() ? "" : ", ", arm, pct(f));
      out += fmt::format("    MCP-Mod assurance {} (power at the median {}) · dose picked: {}\n", pct(m["assurance"]),
                         pct(m["power_at_posterior_median"]), picks);
    }
  }
  const ordered_json& dcmp = u["decomposition"];
  if (dcmp.is_object()) {
    out += fmt::format("  what moves {}: share of its variance over {} trials (first-order, noise removed):\n",
                       dcmp["output"].get<std::string>(), dcmp["replicates"].get<std::int64_t>());
    int shown = 0;
    for (const ordered_json& s : dcmp["sources"]) {
      if (shown++ == kDecompositionShown) break;
      out += fmt::format("    {:<36} {:>6} · success {} in its lowest third, {} in its highest\n",
                         s["source"].get<std::string>(), pct(s["share"]), pct(s["success_lowest_third"]),
                         pct(s["success_highest_third"]));
    }
    out += fmt::format("    the rest (within-trial sampling, sources below noise, interactions; shares of correlated inputs "
                       "overlap, so this is a lower bound): {}\n",
                       pct(dcmp["unexplained"]));
  }
  return out;
}

// A group-sequential design's looks: bounds, stopping probabilities, expected size.
std::string sequential_text(const ordered_json& g) {
  std::string out = fmt::format("\ngroup-sequential: {} on {} ({}) · {}\n", g["label"].get<std::string>(),
                                g["comparison"].get<std::string>(), g["endpoint"].get<std::string>(),
                                g["spending"].get<std::string>());
  out += fmt::format("  {:<5} {:>11} {:>8} {:>9} {:>9} {:>15} {:>15} {:>9} {:>9}\n", "look", "information", "month",
                     "efficacy", "futility", "stop: efficacy", "stop: futility", "enrolled", "analysed");
  for (const ordered_json& l : g["looks"]) {
    const auto se = [](const ordered_json& p, const ordered_json& e) {
      return p.is_number() ? fmt::format("{:.1f}±{:.1f} %", 100 * p.get<double>(), 100 * e.get<double>()) : "–";
    };
    out += fmt::format("  {:<5} {:>11} {:>8} {:>9} {:>9} {:>15} {:>15} {:>9} {:>9}\n", l["look"].get<int>(),
                       val(l["information"], 3),
                       l["day"].is_number() ? fmt::format("{:.1f}", l["day"].get<double>() / (365.25 / 12)) : "–",
                       val(l["efficacy_z"], 3), val(l["futility_z"], 3), se(l["stop_efficacy"], l["stop_efficacy_se"]),
                       se(l["stop_futility"], l["stop_futility_se"]), val(l["enrolled"], 1), val(l["analysed"], 1));
  }
  out += fmt::format("  overall {} {} (MC SE {}) · expected enrolled {} · expected analysed {} · the bounds' type I "
                     "error {} (one-sided)\n",
                     g["label"].get<std::string>(), pct(g["rejection"]), pct(g["rejection_se"]),
                     val(g["expected_enrolled"], 1), val(g["expected_analysed"], 1), pct(g["design_type_i_error"]));
  return out;
}

// Each assumed endpoint's operating characteristics beside the model's.
std::string scenario_text(const ordered_json& sc) {
  std::string out = "\nassumed outcomes (" + sc["note"].get<std::string>() + ")\n";
  for (const ordered_json& e : sc["endpoints"]) {
    out += "  " + e["id"].get<std::string>() + ":";
    for (const ordered_json& a : e["arms"])
      out += fmt::format(" {} {} (model {}, drawn {});", a["id"].get<std::string>(), a["assumed"].get<std::string>(),
                         val(a["model_mean"]), val(a["assumed_mean"]));
    out.back() = '\n';
    for (const ordered_json& c : e["comparisons"])
      out += fmt::format("    {}: model-based {} (MC SE {}) · assumed {} (MC SE {})\n", c["comparison"].get<std::string>(),
                         pct(c["model"]), pct(c["model_se"]), pct(c["assumed"]), pct(c["assumed_se"]));
  }
  return out;
}

}  // namespace

std::string percent_text(const nlohmann::ordered_json& v) {
  return v.is_number() ? fmt::format("{:.1f} %", 100 * v.get<double>()) : "–";
}

std::string value_text(const nlohmann::ordered_json& v, int digits) {
  return v.is_number() ? fmt::format("{:.{}f}", v.get<double>(), digits) : "–";
}

std::string simulation_text(const ordered_json& j) {
  const ordered_json& pv = j["provenance"];
  const bool null_effect = pv["null"].get<bool>();
  const char* rate = null_effect ? "type_i_error" : "power";
  std::string out = fmt::format("{} · {} replicates · seed {}{}\n", j["protocol"].get<std::string>(),
                                pv["replicates"].get<std::int64_t>(), pv["seed"].get<std::uint64_t>(),
                                null_effect ? " · null: IL-2 without effect" : "");
  if (j.contains("randomisation")) out += "randomisation: " + j["randomisation"]["note"].get<std::string>() + "\n";
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
    if (size.contains("unplaced_in_strata_rate"))
      out += "placed by no rule of a stratification factor (allocated in strata of their own): " +
             pct(size["unplaced_in_strata_rate"]) + " of those enrolled\n";
    for (const ordered_json& e : size["endpoints"]) {
      out += fmt::format("\n{} {} ({}, {}{})\n", e["primary"].get<bool>() ? "primary" : "secondary", e["id"].get<std::string>(),
                         e["instrument"].get<std::string>(), e["method"].get<std::string>(),
                         e.contains("multiplicity") ? ", " + e["multiplicity"].get<std::string>() + "-adjusted across doses" : "");
      if (e.contains("note")) out += "  " + e["note"].get<std::string>() + "\n";
      if (!e.contains("arms")) continue;
      out += fmt::format("  {:<16} {:>9} {:>19} {:>9}\n", "arm", "mean", "5–95 % of trials", "truth");
      for (const ordered_json& a : e["arms"])
        out += fmt::format("  {:<16} {:>9} {:>19} {:>9}\n", a["id"].get<std::string>(), val(a["mean"]),
                           val(a["p05"]) + " – " + val(a["p95"]), val(a["truth"]));
      if (e.contains("comparisons"))
        for (const ordered_json& c : e["comparisons"]) {
          // Power is over the replicates the comparison could be estimated in: say so when not all.
          const std::int64_t analysed = c["analysed"].get<std::int64_t>(), run = size["replicates"].get<std::int64_t>();
          out += fmt::format("  {}: {} {} · {} {} (truth {}, bias {}, coverage {}){}\n", c["comparison"].get<std::string>(),
                             null_effect ? "type I error" : "power", pct(c[rate]), c["scale"].get<std::string>(),
                             val(c["mean_estimate"]), val(c["truth"]), val(c["bias"]), pct(c["coverage"]),
                             analysed < run ? fmt::format(" · estimable in {} of {} trials", analysed, run) : "");
        }
      if (e.contains("mcp_mod")) {
        const ordered_json& m = e["mcp_mod"];
        std::string picks;
        for (const auto& [arm, f] : m["dose_picked"].items()) picks += fmt::format("{}{} {}", picks.empty() ? "" : ", ", arm, pct(f));
        out += fmt::format("  MCP-Mod {}: {} · dose picked: {}\n", null_effect ? "type I error" : "power", pct(m[rate]), picks);
      }
    }
    if (size.contains("group_sequential")) out += sequential_text(size["group_sequential"]);
    if (size.contains("scenario")) out += scenario_text(size["scenario"]);
    if (size.contains("uncertainty")) out += uncertainty_text(size["uncertainty"]);
    out += "\ninfections per 100 patient-years (serious):";
    for (const ordered_json& i : size["infections"])
      out += fmt::format(" {} {} ({})", i["arm"].get<std::string>(), val(i["per_100_patient_years"], 1),
                         val(i["serious_per_100_patient_years"], 1));
    out += "\n";
  }
  if (j["power_curve"].size() > 1) {
    out += fmt::format("\n{} of {} by n:", null_effect ? "type I error" : "power",
                       j.contains("primary_analysis") ? j["primary_analysis"].get<std::string>() : "the primary analysis");
    for (const ordered_json& p : j["power_curve"]) out += fmt::format(" {} {}", p["n"].get<int>(), pct(p[rate]));
    out += "\n";
  }
  return out;
}

}  // namespace il2t::report
