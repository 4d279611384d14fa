#include "trial/sequential.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "stats/distributions.h"

namespace il2t::trial {

namespace {

std::optional<stats::SpendingFunction> spending_of(const std::string& name, const std::optional<protocol::Fact<double>>& gamma) {
  using F = stats::SpendingFamily;
  const double g = gamma ? gamma->value : 0;
  if (name == "obrien-fleming") return stats::SpendingFunction{F::obrien_fleming, 0};
  if (name == "pocock") return stats::SpendingFunction{F::pocock, 0};
  if (name == "hwang-shih-decani") return stats::SpendingFunction{F::hwang_shih_decani, g};
  if (name == "kim-demets") return stats::SpendingFunction{F::kim_demets, g};
  return std::nullopt;
}

std::string spending_words(const std::string& name, const stats::SpendingFunction& f) {
  if (name == "obrien-fleming-fixed") return "O'Brien–Fleming bounds (classical, C/√t)";
  if (name == "pocock-fixed") return "Pocock bounds (classical, constant)";
  if (name == "obrien-fleming") return "O'Brien–Fleming-type spending (Lan–DeMets)";
  if (name == "pocock") return "Pocock-type spending (Lan–DeMets)";
  if (name == "hwang-shih-decani") return fmt::format("Hwang–Shih–DeCani spending, γ = {:g}", f.gamma);
  return fmt::format("Kim–DeMets power spending, γ = {:g}", f.gamma);
}

Error at(const protocol::GroupSequential& g, std::string message) {
  Error e{.message = std::move(message)};
  e.pos = g.pos;
  e.field = "group_sequential";
  return e;
}

}  // namespace

Expected<std::optional<SequentialSpec>> make_sequential_spec(const protocol::Protocol& p, const TrialDesign& d) {
  if (!p.group_sequential) return std::optional<SequentialSpec>{};
  const protocol::GroupSequential& g = *p.group_sequential;
  SequentialSpec s;
  const auto e = std::find_if(d.endpoints.begin(), d.endpoints.end(),
                              [&](const EndpointPlan& x) { return x.id == g.endpoint.value; });
  if (e == d.endpoints.end()) return at(g, "group_sequential.endpoint: no endpoint \"" + g.endpoint.value + "\"");
  s.endpoint = static_cast<std::size_t>(e - d.endpoints.begin());
  std::optional<std::size_t> top;  // the compared arm with the highest IL-2 dose
  for (std::size_t a : e->arms)
    if (a != e->reference && (!top || d.arms[a].il2_dose_miu > d.arms[*top].il2_dose_miu)) top = a;
  const auto specs = comparisons(d, *e);
  const auto c = std::find_if(specs.begin(), specs.end(), [&](const ComparisonSpec& x) {
    return top && x.arm == *top && !x.unadjusted && x.visit + 1 == e->visits.size();
  });
  if (c == specs.end())
    return at(g, "group_sequential.endpoint: \"" + e->id + "\" makes no pairwise comparison the simulator runs (" +
                     (e->note.empty() ? std::string("analysed as ") + to_string(e->method) : e->note) + ")");
  s.comparison = static_cast<std::size_t>(c - specs.begin());
  s.arm = c->arm;
  s.reference = c->reference;
  s.visit = c->visit;
  s.higher_is_benefit = g.benefit.value == "higher";
  for (const protocol::Interim& i : p.interims)
    s.interims.push_back({i.information ? std::optional(i.information->value) : std::nullopt,
                          i.month ? std::optional(i.month->value) : std::nullopt});
  if (!p.recruitment) return at(g, "group_sequential: needs [recruitment]");
  s.recruitment = recruitment_curve(*p.recruitment);
  s.decision_day = nominal_day(d, e->visits.back());
  s.efficacy_name = g.efficacy.value;
  if (g.efficacy.value == "obrien-fleming-fixed") {
    s.spending.efficacy = stats::EfficacyRule::obrien_fleming_fixed;
  } else if (g.efficacy.value == "pocock-fixed") {
    s.spending.efficacy = stats::EfficacyRule::pocock_fixed;
  } else if (const auto f = spending_of(g.efficacy.value, g.efficacy_gamma)) {
    s.spending.efficacy = stats::EfficacyRule::alpha_spending;
    s.spending.alpha_spending = *f;
  } else {
    return at(g, "group_sequential.efficacy: unknown \"" + g.efficacy.value + "\"");
  }
  s.futility_name = g.futility ? g.futility->value : "none";
  if (s.futility_name != "none") {
    s.spending.beta_spending = spending_of(s.futility_name, g.futility_gamma);
    if (!s.spending.beta_spending) return at(g, "group_sequential.futility: unknown \"" + s.futility_name + "\"");
    s.spending.beta = g.beta ? g.beta->value : 0.2;
    s.spending.binding_futility = g.binding_futility && g.binding_futility->value;
  }
  return std::optional<SequentialSpec>(std::move(s));
}

Expected<SequentialDesign> sequential_design(const SequentialSpec& s, int n, double two_sided_alpha) {
  SequentialDesign out;
  out.n = n;
  out.alpha = two_sided_alpha / 2;
  const double last_enrolled = day_expected(s.recruitment, n);
  stats::DesignSpec spec = s.spending;
  spec.alpha = out.alpha;
  for (std::size_t k = 0; k < s.interims.size(); ++k) {
    const InterimLook& look = s.interims[k];
    double rate = 0, day = 0;
    if (look.information) {
      rate = *look.information;
      day = day_expected(s.recruitment, std::ceil(rate * n)) + s.decision_day;
    } else {
      day = *look.month * kDaysPerMonth;
      rate = expected_enrolled(s.recruitment, day - s.decision_day) / n;
      const std::string field = fmt::format("interim[{}].month", k);
      const std::string where = fmt::format("{}: month {:g}", field, *look.month);
      if (rate <= 0)
        return Error{.message = where + " comes before any participant is expected at the decision visit (study day " +
                                    std::to_string(s.decision_day) + ")",
                     .field = field};
      if (rate >= 1)
        return Error{.message = fmt::format("{} is not before month {:.2f}, when all {} participants are expected at "
                                            "the decision visit",
                                            where, (last_enrolled + s.decision_day) / kDaysPerMonth, n),
                     .field = field};
    }
    if (!spec.information_rates.empty() && rate < spec.information_rates.back() + 0.001)
      return Error{.message = fmt::format("interim[{}]: its expected information ({:.3f}) does not follow the look "
                                          "before it ({:.3f}) by at least 0.001: order the looks in time",
                                          k, rate, spec.information_rates.back()),
                   .field = fmt::format("interim[{}]", k)};
    spec.information_rates.push_back(rate);
    out.planned_day.push_back(day);
  }
  if (!spec.information_rates.empty() && spec.information_rates.back() > 0.999)
    return Error{.message = fmt::format("interim[{}]: its expected information is within 0.001 of the final analysis",
                                        s.interims.size() - 1),
                 .field = fmt::format("interim[{}]", s.interims.size() - 1)};
  spec.information_rates.push_back(1);
  out.planned_day.push_back(last_enrolled + s.decision_day);
  auto made = stats::group_sequential_design(spec);
  if (!made)  // the spending asked for cannot make bounds at these looks
    return Error{.message = "group_sequential: the bounds cannot be made at these looks (" + made.error.message +
                            "): change the spending functions, their γ, beta or the looks",
                 .field = "group_sequential"};
  out.design = std::move(*made.value);
  return out;
}

std::string describe(const SequentialSpec& s, const SequentialDesign& g) {
  std::string o = fmt::format("{} looks; efficacy: {}", g.design.bounds.efficacy.size(),
                              spending_words(s.efficacy_name, s.spending.alpha_spending));
  if (s.spending.beta_spending)
    o += fmt::format("; futility: {} of beta {:g} ({})", spending_words(s.futility_name, *s.spending.beta_spending),
                     s.spending.beta, s.spending.binding_futility ? "binding" : "non-binding");
  else
    o += "; no futility bounds";
  return o + fmt::format("; one-sided alpha {:g}", g.alpha);
}

void SequentialRunner::run(const TrialDesign& d, const SequentialSpec& s, const SequentialDesign& g, Analyser& a,
                           const TrialRecords& r, const EndpointRows& rows, const EndpointResult& final_result,
                           std::uint64_t seed, std::uint64_t replicate, SequentialTrial& out) {
  const EndpointPlan& e = d.endpoints[s.endpoint];
  const std::size_t n = r.subjects.size();
  const std::size_t looks = g.design.bounds.efficacy.size();
  draw_enrolment_days(s.recruitment, seed, replicate, n, enrolled_on_);
  visit_day_.clear();
  for (std::size_t v : e.visits) visit_day_.push_back(nominal_day(d, v));
  out = SequentialTrial{};
  out.looks = static_cast<int>(looks);
  auto analysed = [&](const EndpointRows& x) {
    std::uint32_t count = 0;
    for (std::size_t i = 0; i < x.arm.size(); ++i)
      if (x.visit[i] == s.visit && (x.arm[i] == s.arm || x.arm[i] == s.reference)) ++count;
    return count;
  };
  const double final_day = (n ? enrolled_on_.back() : 0) + s.decision_day;
  for (std::size_t k = 0; k < looks; ++k) {
    LookResult& look = out.at[k];
    const bool last = k + 1 == looks;
    if (last) {
      look.day = final_day;
      look.comparison = final_result.comparisons[s.comparison];
      look.analysed = analysed(rows);
    } else {
      const InterimLook& spec = s.interims[k];
      if (spec.information) {
        const auto m = static_cast<std::size_t>(std::ceil(*spec.information * static_cast<double>(n)));
        look.day = (m ? enrolled_on_[std::min(m, n) - 1] : 0) + s.decision_day;
      } else {
        look.day = *spec.month * kDaysPerMonth;
      }
      if (look.day >= final_day) {  // not held: the final analysis comes first
        look.held = false;
        look.z = NAN;
        look.decision = stats::Decision::continue_trial;
        continue;
      }
      subset_.clear();
      for (std::size_t i = 0; i < rows.arm.size(); ++i)
        if (enrolled_on_[rows.subject[i]] + visit_day_[rows.visit[i]] <= look.day) subset_.push_row(rows, i);
      look.comparison = a.analyse(e, r, subset_).comparisons[s.comparison];
      look.analysed = analysed(subset_);
    }
    look.enrolled = static_cast<std::uint32_t>(
        std::upper_bound(enrolled_on_.begin(), enrolled_on_.end(), look.day) - enrolled_on_.begin());
    const Comparison& x = look.comparison;
    if (!x.ok || !std::isfinite(x.p_value)) {
      look.z = NAN;
      look.decision = last ? stats::Decision::fail_to_reject : stats::Decision::continue_trial;
    } else {
      const double sign = x.estimate == 0 ? 0 : ((x.estimate > 0) == s.higher_is_benefit ? 1 : -1);
      look.z = sign * -stats::dist::norm_quantile(std::clamp(x.p_value, 1e-300, 1.0) / 2);
      const auto decided = stats::decide(g.design.bounds, k, look.z);
      look.decision = decided ? *decided.value : (last ? stats::Decision::fail_to_reject : stats::Decision::continue_trial);
    }
    if (look.decision != stats::Decision::continue_trial || last) {
      out.stopped_at = static_cast<int>(k + 1);
      out.efficacy = look.decision == stats::Decision::reject_null;
      out.futility = look.decision == stats::Decision::stop_for_futility;
      return;
    }
  }
}

}  // namespace il2t::trial
