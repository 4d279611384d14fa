#include "report/sim_html.h"

#include <fmt/format.h>

#include <cmath>

#include "report/sim_html_assumptions.h"
#include "report/sim_html_design.h"
#include "report/sim_html_dose.h"
#include "report/sim_html_tables.h"
#include "report/sim_text.h"
#include "report/svg_plot.h"
#include "report/uncertainty.h"
#include "trial/endpoints.h"

namespace il2t::report {

namespace {

using nlohmann::ordered_json;

const char* colour(std::size_t i) { return palette_colour(i); }

std::string h(const std::string& s) { return xml_escape(s); }

// Fits a 1280-pixel window: text and tables within 1200 pixels, cells wrapped at spaces
// (the provenance's hashes and paths anywhere), each figure scaled to the page's width.
constexpr const char* kStyle =
    "body{font-family:sans-serif;font-size:15px;max-width:1200px;margin:1.5em auto;padding:0 16px;color:#222}"
    "table{border-collapse:collapse;margin:.4em 0 1em;max-width:100%}"
    "td,th{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top;overflow-wrap:break-word}"
    ".provenance td{overflow-wrap:anywhere}"
    "th{background:#f4f4f4;font-weight:600}.note{color:#666;font-size:.88em}"
    "svg{display:block;max-width:100%;height:auto;margin:.6em 0}h2{border-bottom:1px solid #ccc;margin-top:1.6em}"
    "h4{margin:1em 0 .3em}";

// Each arm's median and 10–90 % band of participants at each visit.
std::string course_svg(const trial::TrialDesign& d, const trial::Summary& s) {
  const std::string activity(measures::test(trial::activity_test(d.disease)).label);
  std::vector<Panel> panels;
  for (auto [m, title] : {std::pair{trial::BandMeasure::treg, std::string("Treg (% of CD4)")},
                          std::pair{trial::BandMeasure::activity, std::string(activity)},
                          std::pair{trial::BandMeasure::prednisone, std::string("Prednisone (mg/day)")}}) {
    Panel p;
    p.title = title + ": median and 10–90 % of participants";
    for (std::size_t a = 0; a < d.arms.size(); ++a) {
      Series se;
      se.label = d.arms[a].id;
      se.colour = colour(a);
      for (std::size_t v = 0; v < d.visit_ids.size(); ++v) {
        const trial::Histogram& hist = s.band(a, v, m);
        if (hist.total() == 0) continue;
        se.x.push_back(trial::nominal_day(d, v));
        se.y.push_back(hist.quantile(0.5));
        se.lower.push_back(hist.quantile(0.1));
        se.upper.push_back(hist.quantile(0.9));
      }
      p.series.push_back(std::move(se));
    }
    panels.push_back(std::move(p));
  }
  return svg_panels("Course over time (n = " + std::to_string(s.n) + ")", panels, 760, 170, "study day (nominal visit)");
}

// An endpoint's distribution across replicate trials: one bar chart per arm.
std::string distribution_svg(const trial::TrialDesign& d, const trial::EndpointPlan& e, const trial::EndpointStats& st) {
  const int width = 760, row = 70, left = 130, right = 20;
  const int height = 30 + row * static_cast<int>(e.arms.size()) + 24;
  const trial::Histogram& h0 = st.arm_hist.front();
  // The range of bins in use across arms.
  std::size_t b0 = h0.counts.size(), b1 = 0;
  for (const auto& hist : st.arm_hist)
    for (std::size_t b = 0; b < hist.counts.size(); ++b)
      if (hist.counts[b] > 0) {
        b0 = std::min(b0, b);
        b1 = std::max(b1, b);
      }
  if (b0 > b1) return "";
  const std::size_t bins = h0.counts.size() - 2;
  const double width_bin = (h0.hi - h0.lo) / static_cast<double>(bins);
  auto lo_of = [&](std::size_t b) { return h0.lo + width_bin * (static_cast<double>(b) - 1); };
  const double x0 = lo_of(b0), x1 = lo_of(b1) + width_bin;
  const double plot_w = width - left - right;
  auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * plot_w; };
  std::string o = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" "
      "font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
      "<text x=\"{2}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{3}: {4} per replicate trial</text>\n",
      width, height, left, h(e.id), e.binary() ? "proportion responding" : "arm mean");
  for (std::size_t a = 0; a < e.arms.size(); ++a) {
    const trial::Histogram& hist = st.arm_hist[a];
    const double base = 30 + row * static_cast<double>(a + 1) - 8;
    std::int64_t peak = 1;
    for (std::size_t b = b0; b <= b1; ++b) peak = std::max(peak, hist.counts[b]);
    o += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"{}\">{}</text>\n", left - 6, base - 4,
                     colour(e.arms[a]), h(d.arms[e.arms[a]].id));
    for (std::size_t b = b0; b <= b1; ++b) {
      if (hist.counts[b] == 0) continue;
      const double bh = (row - 14) * static_cast<double>(hist.counts[b]) / static_cast<double>(peak);
      o += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>", px(lo_of(b)),
                       base - bh, std::max(1.0, px(lo_of(b) + width_bin) - px(lo_of(b)) - 0.5), bh, colour(e.arms[a]));
    }
    o += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#999\"/>\n", left, left + plot_w, base, base);
  }
  for (int k = 0; k <= 5; ++k) {
    const double x = x0 + (x1 - x0) * k / 5;
    o += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:.3g}</text>", px(x), height - 8, x);
  }
  return o + "</svg>\n";
}

std::string km_svg(const trial::TrialDesign& d, const trial::Summary& s) {
  Panel p;
  p.title = "Free of infection (Kaplan–Meier, all replicate trials pooled)";
  for (std::size_t a = 0; a < d.arms.size(); ++a) {
    Series se;
    se.label = d.arms[a].id;
    se.colour = colour(a);
    double last = 1;
    for (const auto& [day, surv] : infection_km(s.infections[a])) {
      if (!se.x.empty()) {  // a step
        se.x.push_back(day);
        se.y.push_back(last);
      }
      se.x.push_back(day);
      se.y.push_back(surv);
      last = surv;
    }
    se.x.push_back(static_cast<double>(s.infections[a].exits.size() - 1));
    se.y.push_back(last);
    p.series.push_back(std::move(se));
  }
  return svg_panels("Time to first infection", {p}, 760, 220);
}

std::string power_svg(const trial::TrialDesign& d, const trial::SimulationResult& r, bool null_effect) {
  Panel p;
  const std::string of = primary_analysis_name(d);
  p.title = std::string(null_effect ? "Type I error of " : "Power of ") + of;
  Series se;
  se.label = d.sequential ? "group-sequential" : "primary";
  for (const trial::Summary& s : r.summaries) {
    se.x.push_back(s.n);
    se.y.push_back(primary_power(d, s));
  }
  p.series.push_back(se);
  return svg_panels("Power curve", {p}, 760, 200, "participants enrolled");
}

// The probability of success, the predictive distributions and what moves the primary
// endpoint, for the last sample size (report/uncertainty.h); empty without a posterior.
std::string uncertainty_html(const ordered_json& results) {
  const ordered_json& size = results["sizes"].back();
  if (!size.contains("uncertainty")) return "";
  const ordered_json& u = size["uncertainty"];
  std::string o = "<h2>Probability of success</h2>\n<p>Each of " + std::to_string(u["replicates"].get<std::int64_t>()) +
                  " replicate trials drew its own parameter set from the posterior (" +
                  std::to_string(u["posterior"]["draws"].get<std::int64_t>()) + " draws of " +
                  h(posterior_label(u)) +
                  ") and its own standard-of-care effect: the assurance is the share of them whose analysis succeeded. "
                  "Power is at the posterior median, as if the model were known.</p>\n";
  o += "<table><tr><th>endpoint</th><th>analysis</th><th>assurance</th><th>power at the posterior median</th></tr>\n";
  for (const ordered_json& e : u["endpoints"]) {
    const std::string id = h(e["id"].get<std::string>()) + (e["primary"].get<bool>() ? " (primary)" : "");
    if (e.contains("mcp_mod"))
      o += "<tr><td>" + id + "</td><td>MCP-Mod</td><td>" + percent_text(e["mcp_mod"]["assurance"]) + "</td><td>" +
           percent_text(e["mcp_mod"]["power_at_posterior_median"]) + "</td></tr>\n";
    if (e.contains("comparisons"))
      for (const ordered_json& c : e["comparisons"])
        o += "<tr><td>" + id + "</td><td>" + h(c["comparison"].get<std::string>()) + "</td><td>" + percent_text(c["assurance"]) +
             "</td><td>" + percent_text(c["power_at_posterior_median"]) + "</td></tr>\n";
  }
  o += "</table>\n<p>Each arm's predictive distribution (5–95 % of trials, parameters and trial effects included):</p>\n"
       "<table><tr><th>endpoint</th><th>arm</th><th>5 %</th><th>median</th><th>95 %</th></tr>\n";
  for (const ordered_json& e : u["endpoints"])
    for (const ordered_json& a : e["arms"])
      o += "<tr><td>" + h(e["id"].get<std::string>()) + "</td><td>" + h(a["id"].get<std::string>()) + "</td>" +
           fmt::format("<td>{}</td><td>{}</td><td>{}</td></tr>\n", value_text(a["p05"]), value_text(a["p50"]), value_text(a["p95"]));
  o += "</table>\n";
  const ordered_json& dc = u["decomposition"];
  if (dc.is_object()) {
    o += "<h3>Which assumptions move the primary endpoint</h3>\n<p>The share of the variance of " +
         h(dc["output"].get<std::string>()) + " across the trials that each uncertain input explains alone (first-order, "
         "with what noise alone gives removed; inputs that do not stand out from noise are left out), and the "
         "probability of success when the input lies in its lowest and its highest third.</p>\n"
         "<table><tr><th>input</th><th>share</th><th>success, lowest third</th><th>success, highest third</th></tr>\n";
    for (const ordered_json& s : dc["sources"])
      o += "<tr><td>" + h(s["source"].get<std::string>()) + "</td><td>" + percent_text(s["share"]) + "</td><td>" +
           percent_text(s["success_lowest_third"]) + "</td><td>" + percent_text(s["success_highest_third"]) + "</td></tr>\n";
    o += "<tr><td>the rest (within-trial sampling, interactions; a lower bound, as shares of correlated inputs "
         "overlap)</td><td>" + percent_text(dc["unexplained"]) +
         "</td><td></td><td></td></tr>\n</table>\n";
  }
  if (u.contains("group_sequential"))  // the looks under the posterior
    o += "<p>The group-sequential looks in the trials under the posterior:</p>\n" + group_sequential_html(u);
  return o;
}

}  // namespace

std::string simulation_html(const trial::TrialDesign& d, const SimProvenance& pv, const trial::SimulationResult& r,
                            const ordered_json& results) {
  const protocol::Protocol& p = *d.protocol;
  std::string o =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>il2trial simulation: " + h(p.identity.id.value) +
      "</title>\n<style>" + std::string(kStyle) + "</style>"
      "</head><body>\n";
  o += "<h1>" + h(p.identity.id.value) + ": simulated trial</h1>\n<p>" + h(p.identity.title.value) + "</p>\n";
  o += "<table class=\"provenance\">\n";
  for (auto [k, v] : {std::pair{"protocol file", pv.protocol_file}, std::pair{"protocol SHA-256", pv.protocol_sha256},
                      std::pair{"parameter set SHA-256", pv.parameters_sha256}, std::pair{"il2trial version", pv.version},
                      std::pair{"seed", std::to_string(pv.seed)}, std::pair{"replicate trials", std::to_string(pv.replicates)},
                      std::pair{"IL-2 effect", std::string(pv.null_effect ? "none (--null)" : "as modelled")},
                      std::pair{"posterior", pv.posterior_sha256.empty() ? std::string("none (--fixed): power as if the model were known")
                                                                         : pv.posterior_file + " (SHA-256 " + pv.posterior_sha256 + ")"}})
    o += "<tr><th>" + h(k) + "</th><td>" + h(v) + "</td></tr>\n";
  o += "</table>\n<h2>The protocol</h2>\n<table><tr><th>arm</th><th>regimen</th></tr>\n";
  for (const auto& a : p.arms) {
    std::string reg;
    for (const auto& i : a.interventions) reg += (reg.empty() ? "" : "; ") + i.drug.value + ": " + i.regimen_text.value;
    o += "<tr><td>" + h(a.id) + "</td><td>" + h(reg) + "</td></tr>\n";
  }
  o += "</table>\n<p>Visits: ";
  for (std::size_t v = 0; v < d.visit_ids.size(); ++v) o += (v ? ", " : "") + h(d.visit_ids[v]) + " (day " + std::to_string(trial::nominal_day(d, v)) + ")";
  o += fmt::format(". Enrolment {} ({}), {} criteria.</p>\n", p.identity.enrolment.value, h(p.identity.design.value),
                   d.criteria.criteria.size());
  o += uncertainty_html(results);
  o += results_html(results);
  std::vector<ArmDose> doses;
  for (const trial::ArmInfo& a : d.arms) doses.push_back({a.id, a.gives_il2 ? a.il2_dose_miu : 0.0});
  if (const std::string plots = dose_response_html(results, doses); !plots.empty())
    o += "<h2>Dose–response</h2>\n<p>Each arm's mean (its response rate, for a response) against its IL-2 dose: the "
         "median of the replicate trials with 5–95 % of them as a band or whisker, and the truth, the mean in one large "
         "trial. The dots' colours are the arms' in every figure.</p>\n" + plots;
  if (r.summaries.size() > 1) o += "<h2>Power curve</h2>\n" + power_svg(d, r, pv.null_effect);
  const trial::Summary& main = r.summaries.back();
  o += "<h2>Each arm's course</h2>\n" + course_svg(d, main);
  o += "<h2>Endpoints across replicate trials</h2>\n";
  for (std::size_t e = 0; e < d.endpoints.size(); ++e)
    if (d.endpoints[e].reading != trial::Reading::not_simulated && !main.endpoints[e].arm_hist.empty())
      o += distribution_svg(d, d.endpoints[e], main.endpoints[e]);
  o += "<h2>Infections</h2>\n" + km_svg(d, main);
  o += assumptions_html(d, pv);
  o += "</body></html>\n";
  return o;
}

}  // namespace il2t::report
