#include "report/patient_csv.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "data/csv.h"
#include "instruments/response.h"

namespace il2t::report {

using namespace model;

namespace {

std::string num(double v) { return fmt::format("{:.6g}", v); }

const char* kHeader =
    "day,row,visit,il2_plasma_pM,il2_mean_pM,sirolimus_ng_mL,signal_treg,signal_tconv,signal_cd8,"
    "signal_nk_bright,signal_nk_dim,treg,cd4_conv,tfh,th17,cd8,nk_bright,nk_dim,lymphocytes,treg_pct_cd4,"
    "activity,prednisone_mg_day,cmv_copies_mL,doses,infections,reactions,flares,"
    "sledai_2k,clinical_sledai,bilag,bilag_1a_or_2b,pga,sri4,essdai,esspri,jadas27,treg_pct_obs,nk_obs,cd8_obs,"
    "cmv_obs";

constexpr int kVisitColumns = 13;  // the fixed ones

// The catalogue's further tests with a patient column (measures/catalogue.h).
std::vector<measures::Id> extra_tests() {
  std::vector<measures::Id> out;
  for (const measures::TestSpec& t : measures::tests())
    if (!t.patient_column.empty()) out.push_back(t.id);
  return out;
}
constexpr int kDailyColumns = 24;

}  // namespace

std::string patient_csv(const Individual& ind, const CoursePlan& plan, const CourseBuffers& c,
                        const std::vector<std::string>& visit_ids) {
  const std::vector<measures::Id> extra = extra_tests();
  std::string out = kHeader;
  for (measures::Id t : extra) out += "," + std::string(measures::test(t).patient_column);
  out += "\n";
  std::size_t di = 0, vi = 0, ei = 0;
  for (const DailyRow& r : c.daily) {
    const StateVector& x = r.x;
    std::string doses, infections, reactions;
    int flares = 0;
    for (; di < plan.doses.size() && plan.doses[di].day == r.day; ++di) {
      const DoseAt& d = plan.doses[di];
      if (!doses.empty()) doses += "; ";
      doses += d.kind == DoseAt::Kind::il2 ? fmt::format("IL-2 {} MIU", num(d.amount))
               : d.kind == DoseAt::Kind::sirolimus ? fmt::format("sirolimus {} mg", num(d.amount))
                                                   : std::string("placebo");
    }
    for (; ei < c.events.size() && c.events[ei].day == r.day; ++ei) {
      const Event& e = c.events[ei];
      if (e.kind == Event::Kind::flare) {
        ++flares;
        continue;
      }
      std::string& into = e.kind == Event::Kind::reaction ? reactions : infections;
      if (!into.empty()) into += "; ";
      into += fmt::format("{} grade {}{}", e.term, e.grade, e.serious ? " serious" : "");
    }
    const double cmv = ind.cmv_modelled ? std::exp(x[kCmvLog]) : 0;
    const double values[] = {x[kIl2Plasma], r.il2_mean_pM, x[kRapaBlood], x[kSigTreg], x[kSigTconv], x[kSigCd8],
                             x[kSigNkBright], x[kSigNkDim], x[kTreg], x[kTconv] + x[kTfh] + x[kTh17], x[kTfh],
                             x[kTh17], x[kCd8], x[kNkBright], x[kNkDim], r.lymphocytes, r.treg_pct_cd4,
                             x[kActivity], r.prednisone};
    out += fmt::format("{},daily,", r.day);
    for (double v : values) out += "," + num(v);
    out += "," + (ind.cmv_modelled ? num(cmv) : std::string()) + ",";
    out += data::csv_field(doses) + "," + data::csv_field(infections) + "," + data::csv_field(reactions) + "," +
           std::to_string(flares);
    out += std::string(kVisitColumns + extra.size(), ',') + "\n";
    for (; vi < c.visits.size() && c.visits[vi].day == r.day; ++vi) {
      const VisitRow& v = c.visits[vi];
      std::string bilag;
      for (const auto& d : instruments::bilag_domains()) bilag += instruments::to_char(v.bilag.grade(d.domain));
      const std::string id = v.visit >= 0 && static_cast<std::size_t>(v.visit) < visit_ids.size()
                                 ? visit_ids[static_cast<std::size_t>(v.visit)] : std::to_string(v.visit);
      out += fmt::format("{},visit,{}", v.day, data::csv_field(id));
      out += std::string(kDailyColumns, ',');
      const bool sle = ind.cov.disease == Disease::sle;
      const bool pss = ind.cov.disease == Disease::pss;
      out += fmt::format(",{},{},{},{},{},{},{},{},{},{},{},{},{}", sle ? std::to_string(v.sledai) : "",
                         sle ? std::to_string(v.clinical_sledai) : "", sle ? bilag : "",
                         sle ? (instruments::bilag_1a_or_2b(v.value).value_or(false) ? "1" : "0") : "", sle ? num(v.pga) : "",
                         sle ? (v.sri4 ? "1" : "0") : "", pss ? std::to_string(v.essdai) : "",
                         pss ? num(v.esspri) : "", ind.cov.disease == Disease::jia ? num(v.jadas27) : "",
                         num(v.treg_pct_obs), num(v.nk_obs), num(v.cd8_obs), ind.cmv_modelled ? num(v.cmv_obs) : "");
      for (measures::Id t : extra) {
        const double reading = v.value[static_cast<std::size_t>(t)];
        out += "," + (std::isnan(reading) ? std::string() : num(reading));
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace il2t::report
