// Checks of the design sections: recruitment, the group-sequential looks and the
// assumed outcomes (docs/protocol-format.md). The boundaries themselves are computed,
// and their problems reported, by trial/sequential.h.
#include <algorithm>
#include <cmath>
#include <set>

#include "measures/catalogue.h"
#include "protocol/validate.h"

namespace il2t::protocol::detail {

namespace {

// Limits that keep every later conversion and loop bounded.
constexpr double kMinPerMonth = 0.01, kMaxPerMonth = 1e5, kMaxMonths = 1200, kMaxGamma = 40;
constexpr std::size_t kMaxInterims = 9;  // 10 looks in all, as rpact allows

void in_range(Diagnostics& d, const std::optional<Fact<double>>& f, const std::string& where, double lo, double hi,
              bool open_lo, const char* what) {
  if (!f) return;
  const double x = f->value;
  if (!std::isfinite(x) || x > hi || x < lo || (open_lo && x == lo))
    d.error(f->pos, where + ": " + what);
}

const Endpoint* find_endpoint(const Protocol& p, const std::string& id) {
  for (const Endpoint& e : p.endpoints)
    if (e.id == id) return &e;
  return nullptr;
}

void recruitment(const Protocol& p, Diagnostics& d) {
  if (!p.recruitment) return;
  const Recruitment& r = *p.recruitment;
  in_range(d, r.per_month, "recruitment.per_month", kMinPerMonth, kMaxPerMonth, false,
           "must lie between 0.01 and 100000 participants per month");
  // The planned enrolment must be recruited within the months a look may name.
  const double per_month = r.per_month.value, ramp = r.ramp_up_months ? r.ramp_up_months->value : 0;
  const double months = ramp / 2 + static_cast<double>(p.identity.enrolment.value) / per_month;
  if (per_month >= kMinPerMonth && std::isfinite(months) && months > kMaxMonths)
    d.error(r.per_month.pos, "recruitment.per_month: " + std::to_string(p.identity.enrolment.value) +
                                 " participants at this rate take more than 1200 months to recruit");
  in_range(d, r.ramp_up_months, "recruitment.ramp_up_months", 0, kMaxMonths, false,
           "must lie between 0 and 1200 months");
}

void spending(Diagnostics& d, const Fact<std::string>& f, const std::optional<Fact<double>>& gamma,
              const std::string& where, bool fixed_allowed, SourcePos table) {
  static const std::set<std::string> kSpending{"obrien-fleming", "pocock", "hwang-shih-decani", "kim-demets"};
  const bool known = kSpending.count(f.value) || (fixed_allowed && (f.value == "obrien-fleming-fixed" || f.value == "pocock-fixed"));
  if (!f.value.empty() && !known)
    d.error(f.pos, where + ": \"" + f.value + "\" is not one of: obrien-fleming, pocock, hwang-shih-decani, kim-demets" +
                       (fixed_allowed ? ", obrien-fleming-fixed, pocock-fixed" : ", none"));
  const bool needs_gamma = f.value == "hwang-shih-decani" || f.value == "kim-demets";
  if (needs_gamma && !gamma) d.error(table, where + "_gamma: missing (" + f.value + " needs its γ)");
  if (!needs_gamma && gamma && known)
    d.error(gamma->pos, where + "_gamma: only hwang-shih-decani and kim-demets take a γ");
  if (gamma && (!std::isfinite(gamma->value) || std::fabs(gamma->value) > kMaxGamma))
    d.error(gamma->pos, where + "_gamma: must lie between -40 and 40");
  if (f.value == "kim-demets" && gamma && gamma->value <= 0) d.error(gamma->pos, where + "_gamma: kim-demets needs γ > 0");
}

void group_sequential(const Protocol& p, Diagnostics& d) {
  if (!p.group_sequential) {
    if (!p.interims.empty())
      d.error(p.interims[0].pos, "interim: a look needs [group_sequential] (the endpoint it decides on and its "
                                 "boundaries)");
    return;
  }
  const GroupSequential& g = *p.group_sequential;
  if (p.interims.empty()) d.error(g.pos, "group_sequential: give at least one [[interim]] look");
  if (p.interims.size() > kMaxInterims)
    d.error(p.interims[kMaxInterims].pos, "interim: at most 9 interim looks (10 analyses in all)");
  if (!p.recruitment)
    d.error(g.pos, "group_sequential: needs [recruitment] (its rate per month), so that the looks fall in "
                   "calendar time");
  if (!g.endpoint.value.empty()) {
    const Endpoint* e = find_endpoint(p, g.endpoint.value);
    if (!e) {
      d.error(g.endpoint.pos, "group_sequential.endpoint: no endpoint has the id \"" + g.endpoint.value + "\"");
    } else {
      const measures::MethodSpec* m = measures::find_method(e->analysis.method.value);
      const measures::Reading r = measures::reading_for(e->instrument.value, e->analysis.method.value);
      const bool at_visit = r == measures::Reading::sri4 || r == measures::Reading::undetectable ||
                            r == measures::Reading::value;
      if (m && (!m->pairwise || !at_visit))
        d.error(g.endpoint.pos, "group_sequential.endpoint: \"" + g.endpoint.value + "\" is analysed by \"" +
                                    e->analysis.method.value + "\"" +
                                    (!at_visit ? " on events, not on a value or response at a visit"
                                               : ", which is not a pairwise comparison") +
                                    "; the looks decide on a pairwise test of a value or response read at a visit "
                                    "(fisher, chi-square, cmh, logistic, t-test, ancova, mmrm or wilcoxon)");
    }
  }
  if (!g.benefit.value.empty() && g.benefit.value != "higher" && g.benefit.value != "lower")
    d.error(g.benefit.pos, "group_sequential.benefit: \"" + g.benefit.value +
                               "\" is not one of: higher, lower (the direction of the estimate that favours IL-2)");
  spending(d, g.efficacy, g.efficacy_gamma, "group_sequential.efficacy", true, g.pos);
  const bool futility = g.futility && g.futility->value != "none";
  if (futility) {
    spending(d, *g.futility, g.futility_gamma, "group_sequential.futility", false, g.pos);
    if (g.efficacy.value.ends_with("-fixed"))
      d.error(g.futility->pos, "group_sequential.futility: futility bounds need alpha-spending efficacy bounds "
                               "(obrien-fleming, pocock, hwang-shih-decani or kim-demets), as in rpact");
    if (!g.beta) d.error(g.pos, "group_sequential.beta: missing (the type II error the futility bounds spend)");
  } else {
    if (g.futility_gamma) d.error(g.futility_gamma->pos, "group_sequential.futility_gamma: there are no futility bounds");
    if (g.beta) d.error(g.beta->pos, "group_sequential.beta: there are no futility bounds to spend it");
    if (g.binding_futility)
      d.error(g.binding_futility->pos, "group_sequential.binding_futility: there are no futility bounds");
  }
  in_range(d, g.beta, "group_sequential.beta", 0, 0.5, true, "must lie in (0, 0.5]");
  double last_information = 0, last_month = 0;  // looks of one kind come in time order
  for (std::size_t i = 0; i < p.interims.size(); ++i) {
    const Interim& x = p.interims[i];
    const std::string where = "interim[" + std::to_string(i) + "]";
    if (x.information.has_value() == x.month.has_value()) {
      d.error(x.pos, where + ": give `information` (a fraction of the planned participants at the decision visit) "
                             "or `month` (after recruitment opens), one of the two");
      continue;
    }
    if (x.information) {
      in_range(d, x.information, where + ".information", 0, 1, true,
               "must lie strictly between 0 and 1 (the final analysis is the last look)");
      if (x.information->value == 1)
        d.error(x.information->pos, where + ".information: must lie strictly between 0 and 1 (the final analysis "
                                            "is the last look)");
      const double v = x.information->value;
      if (v > 0 && v < 1) {
        if (v <= last_information) d.error(x.information->pos, where + ".information: looks must come in time order");
        last_information = v;
      }
    } else {
      in_range(d, x.month, where + ".month", 0, kMaxMonths, true, "must be more than 0 and at most 1200 months");
      const double v = x.month->value;
      if (v > 0 && v <= kMaxMonths) {
        if (v <= last_month) d.error(x.month->pos, where + ".month: looks must come in time order");
        last_month = v;
      }
    }
  }
}

void assumed(const Protocol& p, Diagnostics& d) {
  std::set<std::pair<std::string, std::string>> seen;
  std::set<std::string> faulty;  // endpoints with an error of their own: no cascade of missing arms
  for (std::size_t i = 0; i < p.assumed.size(); ++i) {
    const AssumedOutcome& a = p.assumed[i];
    const int errors_before = d.error_count();
    const std::string where = "assumed[" + std::to_string(i) + "]";
    const Endpoint* e = a.endpoint.value.empty() ? nullptr : find_endpoint(p, a.endpoint.value);
    if (!a.endpoint.value.empty() && !e)
      d.error(a.endpoint.pos, where + ".endpoint: no endpoint has the id \"" + a.endpoint.value + "\"");
    if (e && !a.arm.value.empty()) {
      const Strings& compared = e->compare.value;
      if (std::find(compared.begin(), compared.end(), a.arm.value) == compared.end())
        d.error(a.arm.pos, where + ".arm: endpoint \"" + e->id + "\" does not compare an arm \"" + a.arm.value + "\"");
    }
    if (!seen.insert({a.endpoint.value, a.arm.value}).second)
      d.error(a.pos, where + ": endpoint \"" + a.endpoint.value + "\" and arm \"" + a.arm.value + "\" are assumed twice");
    const measures::Reading r =
        e ? measures::reading_for(e->instrument.value, e->analysis.method.value) : measures::Reading::not_simulated;
    const bool response = r == measures::Reading::sri4 || r == measures::Reading::undetectable;
    if (e && (e->analysis.method.value == "mcp-mod" || e->analysis.method.value == "descriptive" ||
              (!response && r != measures::Reading::value)))
      d.error(a.endpoint.pos, where + ".endpoint: an outcome can be assumed for a response or a value at a visit "
                                      "analysed by a comparison; \"" + e->id + "\" is analysed by \"" +
                                      e->analysis.method.value + "\"");
    if (response) {
      if (a.mean || a.sd) d.error(a.pos, where + ": \"" + e->id + "\" is a response: it takes `rate`, not `mean` and `sd`");
      else if (!a.rate) d.error(a.pos, where + ".rate: missing (\"" + e->id + "\" is a response: give its rate)");
      if (a.rate && (!std::isfinite(a.rate->value) || a.rate->value < 0 || a.rate->value > 1))
        d.error(a.rate->pos, where + ".rate: must lie between 0 and 1");
    } else if (r == measures::Reading::value) {
      if (!a.mean || !a.sd) d.error(a.pos, where + ": \"" + e->id + "\" is a value: give its `mean` and `sd`");
      if (a.rate) d.error(a.rate->pos, where + ".rate: a value takes `mean` and `sd`, not a rate");
      if (a.mean && (!std::isfinite(a.mean->value) || std::fabs(a.mean->value) > 1e6))
        d.error(a.mean->pos, where + ".mean: must be a finite number of at most 1e6 in size");
      if (a.sd && (!std::isfinite(a.sd->value) || a.sd->value <= 0 || a.sd->value > 1e6))
        d.error(a.sd->pos, where + ".sd: must be more than 0 and at most 1e6");
    }
    if (d.error_count() > errors_before) faulty.insert(a.endpoint.value);
  }
  // Every compared arm of an endpoint with an assumption has one, so the comparison is
  // between assumed outcomes only.
  for (const Endpoint& e : p.endpoints) {
    const AssumedOutcome* first = nullptr;
    for (const AssumedOutcome& a : p.assumed)
      if (!first && a.endpoint.value == e.id) first = &a;
    if (!first || faulty.count(e.id)) continue;
    for (const std::string& arm : e.compare.value)
      if (!seen.count({e.id, arm}))
        d.error(first->pos, "assumed: endpoint \"" + e.id + "\" has assumed outcomes, but none for its arm \"" + arm +
                                "\" (assume every compared arm, or none)");
  }
}

}  // namespace

void validate_design(const Protocol& p, Diagnostics& d) {
  recruitment(p, d);
  group_sequential(p, d);
  assumed(p, d);
}

}  // namespace il2t::protocol::detail
