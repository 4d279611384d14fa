#include "model/course.h"

#include <algorithm>
#include <cmath>

#include "instruments/esspri.h"
#include "instruments/jadas.h"
#include "instruments/response.h"
#include "model/integrator.h"
#include "model/rng.h"

namespace il2t::model {

using namespace instruments;

void CourseBuffers::reserve(const CoursePlan& plan) {
  if (keep_daily) daily.reserve(static_cast<std::size_t>(plan.days));
  visits.reserve(plan.visits.size());
  // At most an infection and a flare a day, and three reactions an injection.
  events.reserve(2 * static_cast<std::size_t>(plan.days) + 3 * plan.doses.size());
}

namespace {

double lymphocytes(const Individual& ind, const StateVector& x) {
  return x[kTreg] + x[kTconv] + x[kTfh] + x[kTh17] + x[kCd8] + x[kNkBright] + x[kNkDim] + ind.lymph_other;
}

double treg_pct(const StateVector& x) {
  return 100.0 * x[kTreg] / (x[kTreg] + x[kTconv] + x[kTfh] + x[kTh17]);
}

// Daily hazards of any and of serious infection, per day.
struct Hazards {
  double any = 0, serious = 0;
};

Hazards infection_hazards(const Individual& ind, const StateVector& x, double prednisone) {
  const ModelParams& p = ind.p;
  double common = 1;
  if (lymphocytes(ind, x) < p.lymphopenia_threshold) common *= p.lymphopenia_hr;
  if (ind.cov.immunosuppressant) common *= p.immunosuppressant_hr;
  if (ind.cov.antimalarial) common *= p.antimalarial_hr;
  const double nk = (x[kNkBright] + x[kNkDim]) / (ind.nkb.baseline + ind.nkd.baseline);
  common *= std::pow(nk, -p.nk_protection) * std::pow(x[kCd8] / ind.cd8.baseline, -p.cd8_protection);
  Hazards h;
  h.any = p.infection_rate / 365.25 * common * (prednisone >= p.gc_threshold_any ? p.gc_hr_any : 1.0);
  h.serious = p.serious_infection_rate / 365.25 * common *
              (prednisone >= p.gc_threshold_serious ? p.gc_hr_serious : 1.0);
  return h;
}

const char* infection_type(const DiseaseTables& t, Stream& rng) {
  const double u = rng.uniform();
  for (std::size_t i = 0; i < t.infection_cumulative.size(); ++i)
    if (u <= t.infection_cumulative[i]) return t.infection_types[i].c_str();
  return t.infection_types.back().c_str();
}

double round_down(double v, double step) { return step > 0 ? std::floor(v / step + 1e-9) * step : v; }

// The visit observer over a course's own streams and memory (CourseRun holds them).
struct Observer {
  const Individual& ind;
  const DiseaseTables& tables;
  const DiseaseBaseline& base;
  Stream& rng;
  Stream& treg_rng;
  std::array<bool, kBilagDomainCount>& ever;
  std::optional<measures::Values>& sri_base;
  const SerologyBaseline& serology;
  Stream& labs_rng;

  // Marks the BILAG domains active at day 1 (the drawn baseline items), so that a
  // domain inactive later is graded D. (SRI-4 compares with the day-1 visit as
  // recorded: see observe().)
  void mark_baseline_domains() {
    const SledaiVisit s = sledai_at(base, 1.0);
    bilag_at(tables, base, 1.0, ind.p.bilag_improving, s, ever);
  }

  // SRI-4 compares each visit with the first visit on study day 1 as recorded, as the
  // trial's endpoints do (instruments/response.h); without one, no visit responds.
  VisitRow observe(int day, int visit, const StateVector& x, double prednisone) {
    const ModelParams& p = ind.p;
    VisitRow r;
    r.day = day;
    r.visit = visit;
    r.prednisone = prednisone;
    const double a = x[kActivity];
    switch (ind.cov.disease) {
      case Disease::sle: {
        const SledaiVisit s = sledai_at(base, a);
        r.sledai = sledai_2k(s);
        r.clinical_sledai = clinical_sledai(s);
        r.bilag = bilag_at(tables, base, a, p.bilag_improving, s, ever);
        double pga = base.clinical_sledai > 0 ? base.given.pga * r.clinical_sledai / base.clinical_sledai : base.given.pga * a;
        if (pga > 0) pga += p.pga_rater_sd * rng.normal();
        r.pga = std::round(std::clamp(pga, 0.0, 3.0) * 100) / 100;
        const Serology lab = serology_at(p, serology, base, a, labs_rng);
        r.c3 = lab.c3, r.c4 = lab.c4, r.dsdna = lab.dsdna;
        break;
      }
      case Disease::pss: {
        auto e = essdai(essdai_at(base, tables, a));
        r.essdai = e.ok() ? *e : 0;
        const double f = p.esspri_floor + (1 - p.esspri_floor) * a;
        // Each ESSPRI item is a whole number on its 0–10 scale.
        auto item = [&](double v0) { return std::round(std::clamp(v0 * f + p.esspri_sd * rng.normal(), 0.0, 10.0)); };
        auto s = esspri(EsspriInput{item(base.given.dryness), item(base.given.fatigue), item(base.given.pain)});
        r.esspri = s.ok() ? *s : 0;
        break;
      }
      case Disease::jia: {
        JadasInput in;
        in.active_joints = std::min(jadas_joint_cap(JadasVersion::jadas27),
                                    static_cast<int>(std::lround(base.given.active_joints * a)));
        in.physician_global = std::clamp(base.given.jadas_global * a + p.jadas_global_sd * rng.normal(), 0.0, 10.0);
        in.parent_global = std::clamp(base.given.jadas_global * a + p.jadas_global_sd * rng.normal(), 0.0, 10.0);
        // ESR falls with activity towards its normal level (held to the instrument's range).
        in.esr_mm_h = std::clamp(p.normal_esr + (base.given.esr - p.normal_esr) * a, 0.0, 200.0);
        auto j = jadas(JadasVersion::jadas27, in);
        r.jadas27 = j.ok() ? *j : 0;
        break;
      }
    }
    auto lognormal = [&](double v) { return v * std::exp(p.cell_cv * rng.normal()); };
    r.treg_pct_obs = lognormal(treg_pct(x));
    r.nk_obs = lognormal(x[kNkBright] + x[kNkDim]);
    r.cd8_obs = lognormal(x[kCd8]);
    if (ind.cmv_modelled) {
      const double log10v = x[kCmvLog] / std::log(10.0) + p.cmv_assay_sd_log10 * rng.normal();
      const double v = std::pow(10.0, log10v);
      r.cmv_obs = v >= p.cmv_lloq ? v : 0;
    }
    r.treg_obs = x[kTreg] * std::exp(p.cell_cv * treg_rng.normal());
    record_values(r);
    if (ind.cov.disease == Disease::sle) {
      if (day == 1 && !sri_base) sri_base = r.value;
      r.sri4 = sri_base && sri_response(*sri_base, r.value, 4).value_or(false);
    }
    return r;
  }

  // The row's values by test, as the engine emits them.
  void record_values(VisitRow& r) const {
    using measures::Id;
    r.value = measures::no_values();
    auto put = [&](Id t, double v) { r.value[static_cast<std::size_t>(t)] = v; };
    switch (ind.cov.disease) {
      case Disease::sle:
        put(Id::sledai_2k, r.sledai);
        put(Id::pga, r.pga);
        for (std::size_t k = 0; k < kBilagDomainCount; ++k)
          r.value[static_cast<std::size_t>(Id::bilag_first) + k] =
              static_cast<double>(r.bilag.grade(static_cast<BilagDomain>(k)));
        break;
      case Disease::pss:
        put(Id::essdai, r.essdai);
        put(Id::esspri, r.esspri);
        break;
      case Disease::jia: put(Id::jadas27, r.jadas27); break;
    }
    put(Id::treg_pct, r.treg_pct_obs);
    put(Id::nk, r.nk_obs);
    put(Id::cd8, r.cd8_obs);
    put(Id::prednisone, r.prednisone);
    put(Id::cmv, r.cmv_obs);
    put(Id::treg, r.treg_obs);
    put(Id::c3, r.c3);
    put(Id::c4, r.c4);
    put(Id::anti_dsdna, r.dsdna);
  }
};

// The standard-of-care steroid rule at a visit: taper when the disease has improved,
// raise after a flare.
double steroid_after_visit(const Individual& ind, const DiseaseBaseline& base, const VisitRow& r, double activity,
                           double prednisone, bool flared) {
  const ModelParams& p = ind.p;
  if (flared) return prednisone + p.flare_steroid_increase;
  bool improved = false;
  if (ind.cov.disease == Disease::sle) improved = r.sledai <= base.sledai - p.taper_sledai_drop;
  else improved = activity <= p.taper_activity;  // ESSDAI / JADAS: activity fell far enough
  if (improved && prednisone > p.taper_floor)
    return std::max(p.taper_floor, round_down(prednisone * (1 - p.taper_fraction), p.taper_step));
  return prednisone;
}

}  // namespace

CourseRun::CourseRun(const Individual& ind, const DiseaseTables& tables, const BaselineTargets& targets,
                     const CoursePlan& plan, const CourseKeys& keys, CourseBuffers& out)
    : ind_(ind),
      tables_(tables),
      plan_(plan),
      out_(out),
      obs_rng_(keys.seed, keys.replicate, keys.participant, Purpose::observation),
      treg_rng_(keys.seed, keys.replicate, keys.participant, Purpose::treg_count),
      inf_rng_(keys.seed, keys.replicate, keys.participant, Purpose::infection),
      flare_rng_(keys.seed, keys.replicate, keys.participant, Purpose::flare),
      ae_rng_(keys.seed, keys.replicate, keys.participant, Purpose::reaction),
      labs_rng_(keys.seed, keys.replicate, keys.participant, Purpose::labs),
      u_{ind.cov.prednisone} {
  out.daily.clear();
  out.visits.clear();
  out.events.clear();
  Stream base_rng(keys.seed, keys.replicate, keys.participant, Purpose::baseline);
  res_.baseline = draw_baseline(tables, ind.p, targets, base_rng);
  if (ind.cov.disease == Disease::sle) serology_ = draw_serology(ind.p, labs_rng_);
  if (ind.cov.disease == Disease::sle) Observer{ind_, tables_, res_.baseline, obs_rng_, treg_rng_, ever_, sri_base_, serology_, labs_rng_}.mark_baseline_domains();
}

StateVector CourseRun::initial_state() const { return baseline_state(ind_); }

void CourseRun::begin_day(StateVector& x) {
  const ModelParams& p = ind_.p;
  const int day = day_;
  row_ = DailyRow{};
  row_.day = day;
  row_.x = x;
  row_.prednisone = u_.prednisone;
  row_.lymphocytes = lymphocytes(ind_, x);
  row_.treg_pct_cd4 = treg_pct(x);
  auc0_ = x[kIl2Auc];

  while (next_visit_ < plan_.visits.size() && plan_.visits[next_visit_].day == day) {
    Observer obs{ind_, tables_, res_.baseline, obs_rng_, treg_rng_, ever_, sri_base_, serology_, labs_rng_};
    const VisitRow v = obs.observe(day, plan_.visits[next_visit_].index, x, u_.prednisone);
    out_.visits.push_back(v);
    if (day > 1) u_.prednisone = steroid_after_visit(ind_, res_.baseline, v, x[kActivity], u_.prednisone, flared_);
    flared_ = false;
    ++next_visit_;
  }
  // Infections and flares: daily Bernoulli draws from the hazards at the day's start.
  const Hazards h = infection_hazards(ind_, x, u_.prednisone);
  if (inf_rng_.bernoulli(-std::expm1(-h.serious))) {
    const bool g4 = inf_rng_.bernoulli(p.serious_grade4_fraction);
    out_.events.push_back({Event::Kind::infection, day, infection_type(tables_, inf_rng_), g4 ? 4 : 3, true});
  } else if (inf_rng_.bernoulli(-std::expm1(-h.any))) {
    const bool g2 = inf_rng_.bernoulli(p.nonserious_grade2_fraction);
    out_.events.push_back({Event::Kind::infection, day, infection_type(tables_, inf_rng_), g2 ? 2 : 1, false});
  }
  if (flare_rng_.bernoulli(-std::expm1(-p.flare_rate / 365.25))) {
    x[kActivity] += p.flare_size;
    flared_ = true;
    out_.events.push_back({Event::Kind::flare, day, "flare", 0, false});
  }
  // Doses, and reactions to each injection.
  while (next_dose_ < plan_.doses.size() && plan_.doses[next_dose_].day == day) {
    const DoseAt& d = plan_.doses[next_dose_++];
    double miu = 0;
    if (d.kind == DoseAt::Kind::il2) {
      dose_il2(ind_, x, d.amount);
      miu = d.amount;
    }
    if (d.kind == DoseAt::Kind::sirolimus) dose_sirolimus(x, d.amount);
    if (!d.injection) continue;
    auto react = [&](double rate, const char* term) {
      if (rate > 0 && ae_rng_.bernoulli(-std::expm1(-rate))) {
        const bool g2 = ae_rng_.bernoulli(p.reaction_grade2_fraction);
        out_.events.push_back({Event::Kind::reaction, day, term, g2 ? 2 : 1, false});
      }
    };
    react(p.isr_base + p.isr_per_miu * miu, "injection_site_reaction");
    react(p.fever_per_miu * miu, "fever");
    react(p.flu_per_miu * miu, "flu_like_symptoms");
  }
}

void CourseRun::end_day(const StateVector& x) {
  row_.il2_mean_pM = x[kIl2Auc] - auc0_;
  if (out_.keep_daily) out_.daily.push_back(row_);
  ++day_;
}

void CourseRun::fail(SolveStatus st) {
  res_.ok = false;
  res_.error = "the solver failed on study day " + std::to_string(day_) + ": " + to_string(st) +
               " (the parameters, as set or drawn, may lie where the model has no solution)";
  day_ = plan_.days + 1;
}

CourseResult simulate_course(const Individual& ind, const DiseaseTables& tables, const BaselineTargets& targets,
                             const CoursePlan& plan, const CourseKeys& keys, CourseBuffers& out) {
  CourseRun run(ind, tables, targets, plan, keys, out);
  Integrator integ(ind);
  StateVector x = run.initial_state();
  while (!run.finished()) {
    run.begin_day(x);
    const int day = run.day();
    const SolveStatus st = integ.advance(day - 1, day, x, run.inputs());
    if (st != SolveStatus::ok) {
      run.fail(st);
      break;
    }
    run.end_day(x);
  }
  CourseResult res = run.result();
  res.stats = integ.stats();
  return res;
}

}  // namespace il2t::model
