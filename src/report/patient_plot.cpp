#include <fmt/format.h>

#include <algorithm>

#include "report/patient_csv.h"
#include "il2trial/version.h"
#include "report/svg_plot.h"

namespace il2t::report {

using namespace model;

std::string patient_svg(const std::string& title, const Individual& ind, const CoursePlan& plan,
                        const CourseBuffers& c) {
  auto series = [&](const char* label, const char* colour, auto get) {
    Series s{label, {}, {}, colour, {}, {}};
    for (const DailyRow& r : c.daily) {
      s.x.push_back(r.day);
      s.y.push_back(get(r));
    }
    return s;
  };
  std::vector<double> doses;
  for (const DoseAt& d : plan.doses)
    if (d.kind == DoseAt::Kind::il2) doses.push_back(d.day);
  std::vector<Panel> panels;
  panels.push_back({"Plasma IL-2, daily mean (pM)", {series("IL-2", "#d62728", [](const DailyRow& r) { return r.il2_mean_pM; })}, doses, false});
  panels.push_back({"Treg (% of CD4)", {series("Treg %", "#2ca02c", [](const DailyRow& r) { return r.treg_pct_cd4; })}, doses, false});
  panels.push_back({"Cells (per µL)",
                    {series("NK", "#9467bd", [](const DailyRow& r) { return r.x[kNkBright] + r.x[kNkDim]; }),
                     series("CD8", "#8c564b", [](const DailyRow& r) { return r.x[kCd8]; }),
                     series("Tfh", "#ff7f0e", [](const DailyRow& r) { return r.x[kTfh]; })},
                    {}, false});
  panels.push_back({"Disease activity (1 = baseline)", {series("activity", "#1f77b4", [](const DailyRow& r) { return r.x[kActivity]; })}, {}, false});
  panels.push_back({"Prednisone (mg/day)", {series("prednisone", "#7f7f7f", [](const DailyRow& r) { return r.prednisone; })}, {}, false});
  if (ind.cmv_modelled)
    panels.push_back({"CMV DNA (copies/mL)", {series("CMV", "#e377c2", [](const DailyRow& r) { return std::exp(r.x[kCmvLog]); })}, {}, true});
  return svg_panels(title, panels);
}

std::string patient_summary(const std::string& protocol_id, const std::string& arm, Disease d,
                            const PatientProvenance& prov, const CoursePlan& plan, const CourseBuffers& c,
                            const CourseResult& res) {
  int il2_doses = 0;
  double il2_total = 0;
  for (const DoseAt& x : plan.doses)
    if (x.kind == DoseAt::Kind::il2) { ++il2_doses; il2_total += x.amount; }
  std::string o = fmt::format("{} arm {} ({}), seed {}: {} days, {} IL-2 doses ({:.3g} MIU)\n", protocol_id, arm,
                              to_string(d), prov.seed, c.daily.size(), il2_doses, il2_total);
  if (!c.daily.empty()) {
    auto peak = std::max_element(c.daily.begin(), c.daily.end(),
                                 [](const DailyRow& a, const DailyRow& b) { return a.treg_pct_cd4 < b.treg_pct_cd4; });
    o += fmt::format("Treg % of CD4: {:.3g} at baseline, peak {:.3g} on day {}, {:.3g} on day {}\n",
                     c.daily.front().treg_pct_cd4, peak->treg_pct_cd4, peak->day, c.daily.back().treg_pct_cd4,
                     c.daily.back().day);
  }
  if (!c.visits.empty()) {
    const VisitRow& a = c.visits.front();
    const VisitRow& b = c.visits.back();
    if (d == Disease::sle)
      o += fmt::format("SLEDAI-2K {} → {} (day {}), PGA {:.2f} → {:.2f}, SRI-4 {}\n", a.sledai, b.sledai, b.day, a.pga,
                       b.pga, b.sri4 ? "met" : "not met");
    else if (d == Disease::pss)
      o += fmt::format("ESSDAI {} → {} (day {}), ESSPRI {:.2f} → {:.2f}\n", a.essdai, b.essdai, b.day, a.esspri, b.esspri);
    else
      o += fmt::format("JADAS-27 {:.1f} → {:.1f} (day {})\n", a.jadas27, b.jadas27, b.day);
    o += fmt::format("prednisone {:.3g} → {:.3g} mg/day\n", a.prednisone, b.prednisone);
  }
  int infections = 0, serious = 0, reactions = 0, flares = 0;
  for (const Event& e : c.events) {
    if (e.kind == Event::Kind::infection) { ++infections; serious += e.serious; }
    if (e.kind == Event::Kind::reaction) ++reactions;
    if (e.kind == Event::Kind::flare) ++flares;
  }
  o += fmt::format("infections {} ({} serious), reactions to injections {}, flares {}\n", infections, serious, reactions,
                   flares);
  o += fmt::format("solver: {} steps, {} rejected, {} right-hand-side evaluations\n", res.stats.steps,
                   res.stats.rejected, res.stats.evaluations);
  o += fmt::format("protocol sha256 {}\nparameters sha256 {}\nil2trial {}\n", prov.protocol_sha256,
                   prov.parameters_sha256, kVersion);
  return o;
}

}  // namespace il2t::report
