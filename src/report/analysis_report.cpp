#include "report/analysis_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "report/svg_plot.h"
#include "trial/endpoints.h"

namespace il2t::report {

namespace {

using json = nlohmann::ordered_json;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string num(const json& v, int digits = 3) {
  if (v.is_null()) return "-";
  return fmt::format("{:.{}g}", v.get<double>(), digits);
}

std::string p_text(const json& v) {
  if (v.is_null()) return "-";
  const double p = v.get<double>();
  return p < 0.0001 ? "<0.0001" : fmt::format("{:.4f}", p);
}

// False when the records hold nothing an endpoint reads (its domain was not
// delivered): its analysis would only count missing values as non-responses.
bool has_data(const trial::EndpointPlan& e, const trial::TrialRecords& r, bool events_delivered) {
  std::vector<measures::Id> tests;
  switch (e.reading) {
    case trial::Reading::any_event:
    case trial::Reading::event_count:
    case trial::Reading::time_to_event: return events_delivered;
    case trial::Reading::sri4: tests = {measures::Id::sledai_2k, measures::Id::pga}; break;
    case trial::Reading::undetectable:
    case trial::Reading::value:
      if (const auto* spec = measures::find_instrument(e.instrument); spec && spec->test) tests = {*spec->test};
      break;
    case trial::Reading::not_simulated: return true;
  }
  for (const trial::Finding& f : r.findings)
    if (std::find(tests.begin(), tests.end(), f.test) != tests.end()) return true;
  return false;
}

}  // namespace

json analysis_json(const trial::TrialDesign& d, const AnalysisProvenance& p, const trial::TrialRecords& r,
                   const std::vector<trial::EndpointAnalysis>& a) {
  json j;
  j["provenance"] = {{"program", p.version},        {"protocol_file", p.protocol_file},
                     {"protocol_sha256", p.protocol_sha256}, {"sdtm", p.sdtm_dir},
                     {"alpha", p.alpha},            {"delta", p.delta},
                     {"models", p.models}};
  std::vector<std::size_t> per_arm(d.arms.size(), 0);
  std::size_t completed = 0;
  for (const trial::Subject& s : r.subjects) ++per_arm[s.arm], completed += s.completed ? 1 : 0;
  json arms = json::array();
  for (std::size_t k = 0; k < d.arms.size(); ++k) arms.push_back({{"arm", d.arms[k].id}, {"label", d.arms[k].label}, {"participants", per_arm[k]}});
  j["data"] = {{"participants", r.subjects.size()}, {"completed", completed}, {"arms", arms},
               {"findings", r.findings.size()}, {"adverse_events", r.events.size()},
               {"unscheduled_used", p.unscheduled_used}, {"unscheduled_not_used", p.unscheduled_unused},
               {"records_not_used", p.unused_records}, {"files_not_read", p.ignored},
               {"excluded_participants", p.excluded_subjects}, {"excluded_records", p.excluded_records}};
  json issues = json::array();
  for (const Error& e : p.problems) issues.push_back({{"file", e.file}, {"line", e.pos.line}, {"variable", e.field}, {"message", e.message}});
  j["data_issues"] = issues;
  json endpoints = json::array();
  for (const trial::EndpointAnalysis& x : a) {
    const trial::EndpointPlan& e = *x.plan;
    json ej = {{"id", e.id}, {"instrument", e.instrument}, {"primary", e.primary}, {"method", trial::to_string(e.method)},
               {"multiplicity", trial::to_string(e.multiplicity)},
               {"alpha", e.alpha.value_or(p.alpha)}};
    if (!e.note.empty()) ej["note"] = e.note;
    if (!has_data(e, r, p.events_delivered)) {
      ej["no_data"] = true;
      ej["arms"] = json::array();
      ej["comparisons"] = json::array();
      endpoints.push_back(std::move(ej));
      continue;
    }
    json arm_rows = json::array();
    for (std::size_t k = 0; k < e.arms.size() && k < x.result.arm_n.size(); ++k)
      arm_rows.push_back({{"arm", d.arms[e.arms[k]].id}, {"n", x.result.arm_n[k]}, {"mean", number_or_null(x.result.arm_mean[k])}});
    ej["arms"] = arm_rows;
    const std::vector<std::string> labels = trial::comparison_labels(d, e);
    json comps = json::array();
    for (std::size_t c = 0; c < x.result.comparisons.size() && c < labels.size(); ++c) {
      const trial::Comparison& k = x.result.comparisons[c];
      comps.push_back({{"comparison", labels[c]}, {"estimable", k.ok}, {"estimate", k.ok ? number_or_null(k.estimate) : json(nullptr)},
                       {"lower", k.ok ? number_or_null(k.lower) : json(nullptr)}, {"upper", k.ok ? number_or_null(k.upper) : json(nullptr)},
                       {"p_value", k.ok ? number_or_null(k.p_value) : json(nullptr)}, {"significant", k.reject}});
      if (e.multiplicity != trial::Multiplicity::none && k.ok) comps.back()["p_unadjusted"] = number_or_null(k.p_raw);
    }
    ej["comparisons"] = comps;
    if (e.method == trial::Method::mcp_mod)
      ej["mcp_mod"] = {{"fitted", x.result.mcp_ok}, {"dose_response_shown", x.result.mcp_reject},
                       {"chosen_arm", x.result.mcp_pick >= 0 ? json(d.arms[static_cast<std::size_t>(x.result.mcp_pick)].id) : json(nullptr)}};
    endpoints.push_back(std::move(ej));
  }
  j["endpoints"] = endpoints;
  return j;
}

std::string analysis_text(const json& j) {
  std::string o;
  const json& data = j["data"];
  o += fmt::format("{} participants ({} completed), {} findings, {} adverse events\n", data["participants"].get<std::size_t>(),
                   data["completed"].get<std::size_t>(), data["findings"].get<std::size_t>(), data["adverse_events"].get<std::size_t>());
  for (const json& a : data["arms"]) {
    const auto n = a["participants"].get<std::size_t>();
    o += fmt::format("  {:<20} {} participant{}\n", a["arm"].get<std::string>(), n, n == 1 ? "" : "s");
  }
  if (data["unscheduled_used"].get<std::size_t>() + data["unscheduled_not_used"].get<std::size_t>() > 0)
    o += fmt::format("{} unscheduled records stood in for a scheduled visit; {} fell outside every window or where the visit had the test\n",
                     data["unscheduled_used"].get<std::size_t>(), data["unscheduled_not_used"].get<std::size_t>());
  for (const json& f : data["files_not_read"]) o += "not read: " + f.get<std::string>() + "\n";
  if (!j["data_issues"].empty())
    o += fmt::format("{} data issues: {} participants and {} records left out (--lenient)\n", j["data_issues"].size(),
                     data["excluded_participants"].get<std::size_t>(), data["excluded_records"].get<std::size_t>());
  for (const json& e : j["endpoints"]) {
    o += fmt::format("\n{}{} ({}, {})\n", e["id"].get<std::string>(), e["primary"].get<bool>() ? " [primary]" : "",
                     e["instrument"].get<std::string>(), e["method"].get<std::string>());
    if (e.contains("note")) o += "  note: " + e["note"].get<std::string>() + "\n";
    if (e.contains("no_data")) {
      o += "  no data: the delivery holds none of the values this endpoint reads\n";
      continue;
    }
    for (const json& a : e["arms"])
      o += fmt::format("  {:<20} n = {:<5} mean {}\n", a["arm"].get<std::string>(), a["n"].get<double>(), num(a["mean"], 4));
    for (const json& c : e["comparisons"]) {
      if (!c["estimable"].get<bool>()) {
        o += fmt::format("  {}: not estimable\n", c["comparison"].get<std::string>());
        continue;
      }
      o += fmt::format("  {}: {} ({} to {}), p = {}{}\n", c["comparison"].get<std::string>(), num(c["estimate"], 4),
                       num(c["lower"], 4), num(c["upper"], 4), p_text(c["p_value"]), c["significant"].get<bool>() ? " *" : "");
    }
    if (e.contains("mcp_mod")) {
      const json& m = e["mcp_mod"];
      o += fmt::format("  MCP-Mod: {}{}\n", m["dose_response_shown"].get<bool>() ? "dose-response shown" : "no dose-response shown",
                       m["chosen_arm"].is_null() ? "" : ", chosen dose: " + m["chosen_arm"].get<std::string>());
    }
  }
  return o;
}

std::string analysis_html(const trial::TrialDesign& d, const trial::TrialRecords& r, const json& j) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>il2trial analysis: " +
                  xml_escape(j["provenance"]["protocol_file"].get<std::string>()) +
                  "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
                  "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:0.2em 0.6em;text-align:right}"
                  "th:first-child,td:first-child{text-align:left}.sig{font-weight:bold}</style></head><body>\n";
  h += "<h1>Analysis of " + xml_escape(j["provenance"]["protocol_file"].get<std::string>()) + "</h1>\n";
  h += "<p>Data: " + xml_escape(j["provenance"]["sdtm"].get<std::string>()) + "; program " +
       xml_escape(j["provenance"]["program"].get<std::string>()) + "; protocol SHA-256 " +
       xml_escape(j["provenance"]["protocol_sha256"].get<std::string>()) + ".</p>\n";
  const json& data = j["data"];
  h += "<h2>Participants</h2>\n<table><tr><th>arm</th><th>participants</th></tr>\n";
  for (const json& a : data["arms"])
    h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", xml_escape(a["arm"].get<std::string>()), a["participants"].get<std::size_t>());
  h += fmt::format("</table>\n<p>{} completed; {} findings; {} adverse events; {} unscheduled records used.</p>\n",
                   data["completed"].get<std::size_t>(), data["findings"].get<std::size_t>(),
                   data["adverse_events"].get<std::size_t>(), data["unscheduled_used"].get<std::size_t>());
  h += "<h2>Endpoints</h2>\n";
  for (const json& e : j["endpoints"]) {
    h += "<h3>" + xml_escape(e["id"].get<std::string>()) + (e["primary"].get<bool>() ? " (primary)" : "") + "</h3>\n<p>" +
         xml_escape(e["instrument"].get<std::string>()) + ", " + xml_escape(e["method"].get<std::string>()) + "</p>\n";
    if (e.contains("no_data")) {
      h += "<p>No data: the delivery holds none of the values this endpoint reads.</p>\n";
      continue;
    }
    h += "<table><tr><th>arm</th><th>n</th><th>mean</th></tr>\n";
    for (const json& a : e["arms"])
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", xml_escape(a["arm"].get<std::string>()), a["n"].get<double>(), num(a["mean"], 4));
    h += "</table>\n";
    if (!e["comparisons"].empty()) {
      h += "<table><tr><th>comparison</th><th>estimate</th><th>lower</th><th>upper</th><th>p</th></tr>\n";
      for (const json& c : e["comparisons"])
        h += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         c["significant"].get<bool>() ? " class=\"sig\"" : "", xml_escape(c["comparison"].get<std::string>()),
                         num(c["estimate"], 4), num(c["lower"], 4), num(c["upper"], 4), p_text(c["p_value"]));
      h += "</table>\n";
    }
    if (e.contains("mcp_mod"))
      h += "<p>MCP-Mod: " + std::string(e["mcp_mod"]["dose_response_shown"].get<bool>() ? "dose-response shown" : "no dose-response shown") +
           (e["mcp_mod"]["chosen_arm"].is_null() ? "" : ", chosen dose " + xml_escape(e["mcp_mod"]["chosen_arm"].get<std::string>())) + ".</p>\n";
  }
  // Each arm's mean of every measured test by visit (nominal day).
  std::vector<Panel> panels;
  static const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
  for (const measures::TestSpec& t : measures::tests()) {
    std::map<std::pair<std::uint32_t, std::uint16_t>, std::pair<double, double>> sums;  // (arm, visit) → (sum, n)
    for (const trial::Finding& f : r.findings)
      if (f.test == t.id) {
        auto& s = sums[{r.subjects[f.subject].arm, f.visit}];
        s.first += f.value, s.second += 1;
      }
    if (sums.empty()) continue;
    Panel p;
    p.title = std::string(t.label) +
              (!t.coded.empty() ? fmt::format(" (grade, {} = 0 to {} = {})", t.coded.front(), t.coded.back(), t.coded.size() - 1)
               : t.unit.empty() ? ""
                                : " (" + std::string(t.unit) + ")");
    for (std::uint32_t a = 0; a < d.arms.size(); ++a) {
      Series s;
      s.label = d.arms[a].id;
      s.colour = kColours[a % 6];
      for (const auto& [key, v] : sums)
        if (key.first == a) {
          s.x.push_back(trial::nominal_day(d, key.second));
          s.y.push_back(v.first / v.second);
        }
      if (!s.x.empty()) p.series.push_back(std::move(s));
    }
    panels.push_back(std::move(p));
  }
  if (!panels.empty()) h += "<h2>Means by visit</h2>\n" + svg_panels("Each arm's mean by visit", panels);
  if (!j["data_issues"].empty()) {
    h += fmt::format("<h2>Data issues</h2>\n<p>Left out under --lenient: {} participants and {} records.</p>\n"
                     "<table><tr><th>file</th><th>line or record</th><th>variable</th><th>problem</th></tr>\n",
                     data["excluded_participants"].get<std::size_t>(), data["excluded_records"].get<std::size_t>());
    for (const json& e : j["data_issues"])
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", xml_escape(e["file"].get<std::string>()),
                       e["line"].get<int>(), xml_escape(e["variable"].get<std::string>()), xml_escape(e["message"].get<std::string>()));
    h += "</table>\n";
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace il2t::report
