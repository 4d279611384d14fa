#include "report/sim_json_design.h"

#include <cmath>

#include "report/exact_json.h"
#include "trial/analysis.h"
#include "trial/scenario.h"

namespace il2t::report {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json exacts(const std::vector<trial::ExactSum>& v) {
  ordered_json j = ordered_json::array();
  for (const auto& e : v) j.push_back(exact_json(e));
  return j;
}
bool exacts_read(const json& j, std::vector<trial::ExactSum>& v) {
  if (!j.is_array() || j.size() != v.size()) return false;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!exact_read(j[i], v[i])) return false;
  return true;
}

}  // namespace

ordered_json sequential_raw(const trial::SequentialStats& s) {
  return {{"trials", s.trials}, {"efficacy", s.efficacy}, {"futility", s.futility}, {"reached", s.reached},
          {"day", exacts(s.day)}, {"enrolled", exacts(s.enrolled)}, {"analysed", exacts(s.analysed)},
          {"enrolled_at_stop", exact_json(s.enrolled_at_stop)}, {"analysed_at_stop", exact_json(s.analysed_at_stop)}};
}

bool sequential_read(const json& j, trial::SequentialStats& s) {
  const json *trials = member(j, "trials"), *eff = member(j, "efficacy"), *fut = member(j, "futility"),
             *reached = member(j, "reached"), *day = member(j, "day"), *enr = member(j, "enrolled"),
             *ana = member(j, "analysed"), *es = member(j, "enrolled_at_stop"), *as = member(j, "analysed_at_stop");
  if (!trials || !trials->is_number_integer() || !eff || !fut || !reached || !day || !enr || !ana || !es || !as)
    return false;
  s.trials = trials->get<std::int64_t>();
  if (s.trials < 0) return false;
  if (!counts_read(*eff, s.efficacy) || !counts_read(*fut, s.futility) || !counts_read(*reached, s.reached) ||
      !exacts_read(*day, s.day) || !exacts_read(*enr, s.enrolled) || !exacts_read(*ana, s.analysed) ||
      !exact_read(*es, s.enrolled_at_stop) || !exact_read(*as, s.analysed_at_stop))
    return false;
  std::int64_t stopped = 0;  // every trial stops once, at a look it reached
  for (std::size_t k = 0; k < s.efficacy.size(); ++k) {
    if (s.efficacy[k] + s.futility[k] > s.reached[k] || s.reached[k] > s.trials) return false;
    stopped += s.efficacy[k] + s.futility[k];
  }
  return stopped <= s.trials;
}

ordered_json scenario_raw(const std::vector<trial::ScenarioStats>& s) {
  ordered_json j = ordered_json::array();
  for (const trial::ScenarioStats& x : s)
    j.push_back(x.ok.empty() ? ordered_json(nullptr)
                             : ordered_json{{"ok", x.ok}, {"reject", x.reject}, {"arm_mean", exacts(x.arm_mean)}});
  return j;
}

bool scenario_read(const json& j, std::vector<trial::ScenarioStats>& s) {
  if (!j.is_array() || j.size() != s.size()) return false;
  for (std::size_t e = 0; e < s.size(); ++e) {
    if (s[e].ok.empty() != j[e].is_null()) return false;
    if (j[e].is_null()) continue;
    const json *ok = member(j[e], "ok"), *reject = member(j[e], "reject"), *mean = member(j[e], "arm_mean");
    if (!ok || !reject || !mean || !counts_read(*ok, s[e].ok) || !counts_read(*reject, s[e].reject) ||
        !exacts_read(*mean, s[e].arm_mean))
      return false;
    for (std::size_t c = 0; c < s[e].ok.size(); ++c)
      if (s[e].reject[c] > s[e].ok[c]) return false;
  }
  return true;
}

ordered_json group_sequential_json(const trial::TrialDesign& d, const trial::SequentialDesign& g,
                                   const trial::Summary& s, bool null_effect) {
  if (!d.sequential) return nullptr;
  const trial::SequentialSpec& q = *d.sequential;
  const trial::SequentialStats& st = s.sequential;
  const stats::Boundaries& b = g.design.bounds;
  ordered_json j;
  j["endpoint"] = d.endpoints[q.endpoint].id;
  j["comparison"] = trial::comparison_labels(d, d.endpoints[q.endpoint])[q.comparison];
  j["benefit"] = q.higher_is_benefit ? "higher" : "lower";
  j["spending"] = trial::describe(q, g);
  j["label"] = null_effect ? "type I error" : "power";
  j["trials"] = st.trials;
  std::int64_t rejected = 0;
  for (std::size_t k = 0; k < b.efficacy.size(); ++k) {
    const bool interim = k + 1 < b.efficacy.size();
    const bool futility = interim && !b.futility.empty();
    rejected += st.efficacy[k];
    j["looks"].push_back({{"look", k + 1},
                          {"information", b.information_rates[k]},
                          {"planned_day", num(g.planned_day[k])},
                          {"day", num(st.day[k].mean())},
                          {"efficacy_z", num(b.efficacy[k])},
                          {"futility_z", futility ? num(b.futility[k]) : ordered_json(nullptr)},
                          {"nominal_alpha", num(g.design.stage_levels[k])},
                          {"reached", num(frac(st.reached[k], st.trials))},
                          {"stop_efficacy", num(frac(st.efficacy[k], st.trials))},
                          {"stop_efficacy_se", num(trial::share_se(st.efficacy[k], st.trials))},
                          {"stop_futility", futility ? num(frac(st.futility[k], st.trials)) : ordered_json(nullptr)},
                          {"stop_futility_se", futility ? num(trial::share_se(st.futility[k], st.trials)) : ordered_json(nullptr)},
                          {"enrolled", num(st.enrolled[k].mean())},
                          {"analysed", num(st.analysed[k].mean())}});
  }
  j["rejection"] = num(frac(rejected, st.trials));
  j["rejection_se"] = num(trial::share_se(rejected, st.trials));
  j["expected_enrolled"] = num(st.enrolled_at_stop.mean());
  j["expected_enrolled_se"] = num(st.enrolled_at_stop.sd() / std::sqrt(static_cast<double>(st.trials)));
  j["expected_analysed"] = num(st.analysed_at_stop.mean());
  j["design_type_i_error"] = num(g.design.alpha_spent.back());
  j["one_sided_alpha"] = g.alpha;
  j["binding_futility"] = b.futility.empty() ? ordered_json(nullptr) : ordered_json(g.design.binding_futility);
  return j;
}

ordered_json scenario_json(const trial::TrialDesign& d, const trial::Summary& s) {
  ordered_json j;
  for (std::size_t e = 0; e < d.endpoints.size(); ++e) {
    if (e >= d.assumed.size() || d.assumed[e].empty()) continue;
    const trial::EndpointPlan& plan = d.endpoints[e];
    const trial::ScenarioStats& x = s.scenario[e];
    const trial::EndpointStats& model = s.endpoints[e];
    ordered_json y;
    y["id"] = plan.id;
    for (std::size_t a = 0; a < plan.arms.size(); ++a) {
      std::string from = "protocol";
      for (const protocol::AssumedOutcome& o : d.protocol->assumed)
        if (o.endpoint.value == plan.id && o.arm.value == d.arms[plan.arms[a]].id &&
            o.origin.reason.starts_with("given on the command line"))
          from = "command line";
      y["arms"].push_back({{"id", d.arms[plan.arms[a]].id},
                           {"assumed", trial::describe(d.assumed[e][a])},
                           {"from", from},
                           {"model_mean", num(model.arm_mean[a].mean())},
                           {"assumed_mean", num(x.arm_mean[a].mean())}});
    }
    const auto labels = trial::comparison_labels(d, plan);
    for (std::size_t c = 0; c < labels.size(); ++c)
      y["comparisons"].push_back({{"comparison", labels[c]},
                                  {"model", num(frac(model.comparisons[c].reject, model.comparisons[c].ok))},
                                  {"model_se", num(trial::share_se(model.comparisons[c].reject, model.comparisons[c].ok))},
                                  {"assumed", num(frac(x.reject[c], x.ok[c]))},
                                  {"assumed_se", num(trial::share_se(x.reject[c], x.ok[c]))}});
    j["endpoints"].push_back(y);
  }
  if (j.is_null()) return nullptr;
  j["note"] = "Each replicate trial's participants, arms and visits are the model's; the assumed endpoints' values "
              "are drawn again from the stated rates or means and SDs, and analysed as the protocol says.";
  return j;
}

}  // namespace il2t::report
