#include "trial/engine.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "model/plan.h"
#include "population/candidates.h"
#include "schedule/schedule.h"
#include "trial/participant_plan.h"
#include "trial/randomisation.h"

namespace il2t::trial {

struct Enrolled {
  population::Candidate candidate;
  std::uint64_t key = 0;  // the candidate's index: the participant key of its streams
};

namespace {

// SLEDAI-2K, ESSDAI or active joints at screening, as the disease has it.
double baseline_activity(const population::Candidate& c, model::Disease d) {
  return d == model::Disease::sle ? c.targets.sledai : d == model::Disease::pss ? c.targets.essdai : c.targets.active_joints;
}

// The clinician's choice in an observational study: IL-2 with the logistic
// probability of models/conduct.toml [observational].
bool chooses_il2(const ConductParams& c, const population::Candidate& cand, model::Disease d,
                 model::Stream& rng) {
  const double activity = baseline_activity(cand, d);
  const double logit = c.il2_logit_intercept + c.il2_logit_per_activity * (activity - 8) +
                       c.il2_logit_per_prednisone * (cand.cov.prednisone - 10);
  return rng.uniform() < 1 / (1 + std::exp(-logit));
}

std::size_t arm_giving(const TrialDesign& d, bool il2) {
  for (std::size_t a = 0; a < d.arms.size(); ++a)
    if (d.arms[a].gives_il2 == il2) return a;
  return 0;
}

}  // namespace

TrialRunner::TrialRunner(const TrialDesign& d, const model::Model& m) : d_(d), m_(nullptr) { use(m); }

void TrialRunner::use(const model::Model& m) {
  m_ = &m;
  AssumptionsBind b = bind_assumptions(m.parameters);
  a_ = std::move(b.assumptions);
  assumptions_error_.clear();
  for (const Error& e : b.errors) assumptions_error_ += (assumptions_error_.empty() ? "" : "; ") + e.text();
}

bool TrialRunner::run(std::uint64_t replicate, const RunSettings& s, TrialRecords& out, Error& error) {
  out.clear();
  out.failed_by.assign(d_.criteria.criteria.size(), 0);
  if (!a_) {
    error = "the populations or the conduct do not bind: " + assumptions_error_;
    return false;
  }
  const ConductParams& c = a_->conduct;
  std::optional<Randomiser> randomiser;
  if (!d_.observational && !s.balanced) {
    auto made = Randomiser::make(*d_.protocol, d_.simulated_strata.count);
    if (!made.randomiser) {
      error = made.error;
      return false;
    }
    randomiser = std::move(made.randomiser);
  }
  model::Stream allocation(s.seed, replicate, 0, model::Purpose::trial);
  const auto limit = static_cast<std::uint64_t>(std::ceil(c.max_screened_per_enrolled * s.n));
  std::uint64_t candidate = 0;
  const auto n = static_cast<std::size_t>(s.n);
  // Participants are simulated a window at a time (memory stays flat in n).
  prepared_.resize(kWindow);
  std::size_t enrolled = 0, pending = 0;
  while (enrolled < n) {
    if (candidate >= limit) {
      error = "only " + std::to_string(enrolled) + " of " + std::to_string(s.n) + " enrolled after screening " +
              std::to_string(candidate) + " virtual candidates: the criteria admit too few (models/conduct.toml " +
              "max_screened_per_enrolled)";
      return false;
    }
    const std::uint64_t key = ++candidate;  // participant keys start at 1; 0 is the trial's own stream
    model::Stream pop(s.seed, replicate, key, model::Purpose::population);
    Enrolled e{population::draw_candidate(*m_, a_->populations, d_.population, pop,
                                          d_.prednisone ? &*d_.prednisone : nullptr),
               key};
    const auto record = population::screening_record(e.candidate, a_->populations, pop, kScreeningDay, "");
    ++out.screened;
    const eligibility::Verdict verdict = eligibility::screen_verdict(d_.criteria, record, kScreeningDay);
    if (verdict != eligibility::Verdict::eligible) {
      ++out.screen_failures;
      if (verdict == eligibility::Verdict::undetermined) ++out.undetermined;
      // Which criteria excluded the candidate (the reasons cost allocations: failures only).
      for (const auto& f : eligibility::screen(d_.criteria, record, kScreeningDay).failed)
        for (std::size_t k = 0; k < d_.criteria.criteria.size(); ++k)
          if (d_.criteria.criteria[k].id == f.id && d_.criteria.criteria[k].inclusion == f.inclusion) ++out.failed_by[k];
      continue;
    }
    std::size_t arm = 0, stratum = 0;
    if (s.balanced) {
      arm = (enrolled + s.turn) % d_.arms.size();
    } else if (randomiser && d_.simulated_strata.count == 1) {
      arm = randomiser->assign(0, allocation, n - enrolled);  // one list, ending on a whole block where it can
    } else if (randomiser) {
      // Each stratum's own blocks, as the site's list runs: how many each stratum enrols
      // is not known in advance, so its last block may be left incomplete.
      bool placed = true;
      stratum = d_.simulated_strata.stratum_of(d_.strata, record, kScreeningDay, placed);
      if (!placed) ++out.unplaced;
      arm = randomiser->assign(stratum, allocation);
    } else {
      model::Stream choice(s.seed, replicate, key, model::Purpose::allocation);
      arm = arm_giving(d_, chooses_il2(c, e.candidate, d_.disease, choice));
    }
    if (!prepare(replicate, key, arm, e, s, pending, error)) return false;
    prepared_[pending].subj.stratum = static_cast<std::uint32_t>(stratum);
    ++enrolled;
    if (++pending == prepared_.size()) {
      if (!flush(pending, replicate, s, out, error)) return false;
      pending = 0;
    }
  }
  if (pending > 0 && !flush(pending, replicate, s, out, error)) return false;
  out.finding_begin.push_back(static_cast<std::uint32_t>(out.findings.size()));
  out.event_begin.push_back(static_cast<std::uint32_t>(out.events.size()));
  return true;
}

bool TrialRunner::flush(std::size_t count, std::uint64_t replicate, const RunSettings& s, TrialRecords& out,
                        Error& error) {
  // The courses, several at once in the lane solver, arm by arm (the order changes no
  // result); then the records, in enrolment order.
  jobs_.clear();
  for (std::size_t arm = 0; arm < d_.arms.size(); ++arm)
    for (std::size_t i = 0; i < count; ++i) {
      Prepared& p = prepared_[i];
      if (p.subj.arm == arm)
        jobs_.push_back(model::CourseJob{&p.ind, &p.targets, &p.plan, {s.seed, replicate, p.key}, &p.buf, &p.result});
    }
  lanes_.simulate(m_->tables, jobs_);
  for (std::size_t i = 0; i < count; ++i) {
    const Prepared& p = prepared_[i];
    if (!p.result.ok) {
      error = "replicate " + std::to_string(replicate) + ", candidate " + std::to_string(p.key) + ": " + p.result.error.text();
      return false;
    }
    emit(p, out);
  }
  return true;
}

bool TrialRunner::prepare(std::uint64_t replicate, std::uint64_t key, std::size_t arm, const Enrolled& e,
                          const RunSettings& s, std::size_t index, Error& error) {
  const protocol::Protocol& p = *d_.protocol;
  const ConductParams& c = a_->conduct;
  model::Covariates cov = e.candidate.cov;
  if (d_.cmv) cov.cmv_copies = m_->bound.p.cmv_baseline_copies;
  auto made = participant_plan(p, d_.arms[arm].id, cov);
  if (!made) {
    error = made.error();
    return false;
  }
  model::CoursePlan plan = std::move(*made);

  Subject subj;
  subj.arm = static_cast<std::uint32_t>(arm);
  subj.age = cov.age_years;
  subj.female = cov.female;
  subj.weight = cov.weight_kg;
  subj.height = cov.height_cm;
  subj.baseline_activity = baseline_activity(e.candidate, d_.disease);
  subj.baseline_prednisone = cov.prednisone;
  subj.doses_planned = static_cast<std::uint32_t>(plan.doses.size());

  // Conduct: dropout, adherence, visit windows and missed visits, in that order of draws.
  model::Stream conduct(s.seed, replicate, key, model::Purpose::trial);
  const double years = c.dropout_per_year > 0 ? -std::log(conduct.uniform()) / c.dropout_per_year : INFINITY;
  const double drop_day = 1 + std::floor(years * 365.25);
  if (drop_day <= plan.days) {
    subj.completed = false;
    plan.days = std::max(1, static_cast<int>(drop_day) - 1);
  }
  subj.last_day = plan.days;
  std::size_t kept = 0;
  for (const model::DoseAt& dose : plan.doses) {
    const bool taken = conduct.bernoulli(c.adherence);
    if (!taken || dose.day > plan.days) continue;
    model::DoseAt d = dose;
    if (s.null_effect && d.kind == model::DoseAt::Kind::il2) {
      d.kind = model::DoseAt::Kind::placebo;
      d.amount = 0;
    }
    plan.doses[kept++] = d;
  }
  plan.doses.resize(kept);
  subj.doses_taken = static_cast<std::uint32_t>(kept);
  kept = 0;
  int previous = 0;
  for (std::size_t i = 0; i < plan.visits.size(); ++i) {
    model::VisitAt v = plan.visits[i];
    const double window = p.visits[static_cast<std::size_t>(v.index)].window_days.value * c.window_use;
    const double shift = std::round((2 * conduct.uniform() - 1) * window);
    const bool missed = conduct.bernoulli(c.missed_visit);
    if (v.day == 1) {
      if (previous >= 1) continue;  // one baseline
    } else {
      if (missed) continue;
      v.day = std::max(previous + 1, v.day + static_cast<int>(shift));
    }
    if (v.day > plan.days) {
      if (!subj.completed) continue;  // after dropout
      plan.days = v.day;              // a late final visit extends follow-up
      subj.last_day = v.day;
    }
    previous = v.day;
    plan.visits[kept++] = v;
  }
  plan.visits.resize(kept);

  model::Stream eta(s.seed, replicate, key, model::Purpose::variability);
  Prepared& out = prepared_[index];
  out.key = key;
  out.targets = e.candidate.targets;
  out.ind = model::make_individual(m_->individual_parameters(eta, cov.disease), cov);
  out.subj = subj;
  out.buf.keep_daily = false;
  out.buf.reserve(plan);
  out.plan = std::move(plan);
  return true;
}

void TrialRunner::emit(const Prepared& p, TrialRecords& out) const {
  const model::CourseBuffers& buf = p.buf;
  const Subject& subj = p.subj;
  const auto id = static_cast<std::uint32_t>(out.subjects.size());
  out.finding_begin.push_back(static_cast<std::uint32_t>(out.findings.size()));
  out.event_begin.push_back(static_cast<std::uint32_t>(out.events.size()));
  for (const model::VisitRow& r : buf.visits) {
    const auto visit = static_cast<std::uint16_t>(r.visit);
    // In the catalogue's order; CMV DNA only in a trial that measures it.
    for (std::size_t t = 0; t < kTestCount; ++t) {
      const double v = r.value[t];
      if (std::isnan(v) || (static_cast<Test>(t) == Test::cmv && !d_.cmv)) continue;
      out.findings.push_back({id, visit, r.day, static_cast<Test>(t), v});
    }
  }
  for (const model::Event& ev : buf.events) {
    AdverseEvent a;
    a.subject = id;
    a.day = ev.day;
    a.category = ev.kind == model::Event::Kind::infection ? AdverseEvent::Category::infection
                 : ev.kind == model::Event::Kind::reaction ? AdverseEvent::Category::reaction
                                                           : AdverseEvent::Category::flare;
    a.term = ev.term;
    a.grade = ev.grade;
    a.serious = ev.serious;
    out.events.push_back(a);
  }
  out.subjects.push_back(subj);
}

}  // namespace il2t::trial
