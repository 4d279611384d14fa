#include "report/sim_json.h"

#include "report/exact_json.h"
#include "report/sim_json_design.h"
#include "report/uncertainty.h"

#include <algorithm>
#include <charconv>

#include <cmath>

#include "trial/analysis.h"

namespace il2t::report {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;



ordered_json summary_raw(const trial::Summary& s) {
  ordered_json j;
  j["n"] = s.n;
  j["counts"] = {s.replicates, s.failed, s.first_failed, s.screened, s.screen_failures, s.enrolled, s.completed,
                 s.doses_planned, s.doses_taken};
  j["first_error"] = s.first_error;
  j["arm_enrolled"] = s.arm_enrolled;
  j["undetermined"] = s.undetermined;
  if (s.unplaced > 0) j["unplaced"] = s.unplaced;  // stratified designs only: older shards have none
  j["failed_by"] = s.failed_by;
  for (const trial::EndpointStats& e : s.endpoints) {
    ordered_json x;
    for (const auto& c : e.comparisons) x["comparisons"].push_back({c.ok, c.reject, c.covered, exact_json(c.estimate)});
    if (!x.contains("comparisons")) x["comparisons"] = json::array();
    x["mcp"] = {e.mcp_ok, e.mcp_reject};
    x["picks"] = e.picks;
    for (std::size_t a = 0; a < e.arm_mean.size(); ++a) {
      x["arm_mean"].push_back(exact_json(e.arm_mean[a]));
      x["arm_hist"].push_back(e.arm_hist[a].counts);
    }
    j["endpoints"].push_back(x);
  }
  for (const auto& b : s.bands) j["bands"].push_back(b.counts);
  for (const auto& i : s.infections)
    j["infections"].push_back({{"counts", {i.subjects, i.infections, i.serious, i.patient_days}},
                               {"exits", i.exits},
                               {"first_events", i.first_events},
                               {"rate", exact_json(i.rate_per_100py)}});
  if (!s.sequential.efficacy.empty()) j["sequential"] = sequential_raw(s.sequential);
  if (std::any_of(s.scenario.begin(), s.scenario.end(), [](const trial::ScenarioStats& x) { return !x.ok.empty(); }))
    j["scenario"] = scenario_raw(s.scenario);
  if (!s.outcomes.empty()) {
    j["outcomes"] = json::array();
    for (const trial::DrawOutcome& o : s.outcomes)
      j["outcomes"].push_back({o.replicate, o.row, o.trial_effect, num(o.effect), o.success});
  }
  return j;
}

bool summary_read(const json& j, trial::Summary& s, std::string& where) {
  std::vector<std::int64_t> counts(9);
  where = "counts";
  if (!j.contains("counts") || !counts_read(j["counts"], counts, -1)) return false;
  s.replicates = counts[0];
  s.failed = counts[1];
  s.first_failed = counts[2];
  s.screened = counts[3];
  s.screen_failures = counts[4];
  s.enrolled = counts[5];
  s.completed = counts[6];
  s.doses_planned = counts[7];
  s.doses_taken = counts[8];
  where = "first_error";
  if (!j.contains("first_error") || !j["first_error"].is_string()) return false;
  s.first_error = j["first_error"].get<std::string>();
  where = "arm_enrolled";
  if (!j.contains("arm_enrolled") || !counts_read(j["arm_enrolled"], s.arm_enrolled)) return false;
  where = "failed_by";
  if (!j.contains("undetermined") || !j["undetermined"].is_number_integer() || !j.contains("failed_by") ||
      !counts_read(j["failed_by"], s.failed_by))
    return false;
  s.undetermined = j["undetermined"].get<std::int64_t>();
  where = "unplaced";
  if (j.contains("unplaced") && !j["unplaced"].is_number_integer()) return false;
  s.unplaced = j.contains("unplaced") ? j["unplaced"].get<std::int64_t>() : 0;
  where = "endpoints";
  if (!j.contains("endpoints") || j["endpoints"].size() != s.endpoints.size()) return false;
  for (std::size_t e = 0; e < s.endpoints.size(); ++e) {
    trial::EndpointStats& st = s.endpoints[e];
    const json& x = j["endpoints"][e];
    where = "endpoints[" + std::to_string(e) + "]";
    if (!x.is_object() || !x.contains("comparisons") || !x["comparisons"].is_array() ||
        x["comparisons"].size() != st.comparisons.size())
      return false;
    for (std::size_t c = 0; c < st.comparisons.size(); ++c) {
      const json& y = x["comparisons"][c];
      std::vector<std::int64_t> three(3);
      if (!y.is_array() || y.size() != 4 || !counts_read(json(std::vector<json>(y.begin(), y.begin() + 3)), three))
        return false;
      st.comparisons[c].ok = three[0];
      st.comparisons[c].reject = three[1];
      st.comparisons[c].covered = three[2];
      if (!exact_read(y[3], st.comparisons[c].estimate)) return false;
    }
    std::vector<std::int64_t> mcp(2);
    if (!x.contains("mcp") || !counts_read(x["mcp"], mcp) || !x.contains("picks") || !counts_read(x["picks"], st.picks))
      return false;
    st.mcp_ok = mcp[0];
    st.mcp_reject = mcp[1];
    const json* means = member(x, "arm_mean");
    const json* hists = member(x, "arm_hist");
    if (st.arm_mean.empty()) continue;
    if (!means || !hists || !means->is_array() || !hists->is_array() || means->size() != st.arm_mean.size() ||
        hists->size() != st.arm_hist.size())
      return false;
    for (std::size_t a = 0; a < st.arm_mean.size(); ++a)
      if (!exact_read((*means)[a], st.arm_mean[a]) || !counts_read((*hists)[a], st.arm_hist[a].counts)) return false;
  }
  where = "bands";
  if (!j.contains("bands") || j["bands"].size() != s.bands.size()) return false;
  for (std::size_t b = 0; b < s.bands.size(); ++b)
    if (!counts_read(j["bands"][b], s.bands[b].counts)) return false;
  where = "infections";
  if (!j.contains("infections") || j["infections"].size() != s.infections.size()) return false;
  for (std::size_t a = 0; a < s.infections.size(); ++a) {
    trial::InfectionStats& i = s.infections[a];
    const json& x = j["infections"][a];
    std::vector<std::int64_t> c(4);
    const json *counts_j = member(x, "counts"), *exits = member(x, "exits"), *first = member(x, "first_events"),
               *rate = member(x, "rate");
    if (!counts_j || !exits || !first || !rate || !counts_read(*counts_j, c) || !counts_read(*exits, i.exits) ||
        !counts_read(*first, i.first_events) || !exact_read(*rate, i.rate_per_100py))
      return false;
    i.subjects = c[0];
    i.infections = c[1];
    i.serious = c[2];
    i.patient_days = c[3];
  }
  where = "sequential";
  const json* looks = member(j, "sequential");
  if (looks ? s.sequential.efficacy.empty() || !sequential_read(*looks, s.sequential) : !s.sequential.efficacy.empty())
    return false;
  where = "scenario";
  const bool assumed =
      std::any_of(s.scenario.begin(), s.scenario.end(), [](const trial::ScenarioStats& x) { return !x.ok.empty(); });
  const json* scenario = member(j, "scenario");
  if (scenario ? !assumed || !scenario_read(*scenario, s.scenario) : assumed) return false;
  where = "outcomes";
  if (const json* outs = member(j, "outcomes")) {
    if (!outs->is_array()) return false;
    for (const json& o : *outs) {
      if (!o.is_array() || o.size() != 5 || !o[0].is_number_integer() || !o[1].is_number_unsigned() ||
          !o[2].is_number() || !(o[3].is_number() || o[3].is_null()) || !o[4].is_boolean())
        return false;
      trial::DrawOutcome d;
      d.replicate = o[0].get<std::int64_t>();
      d.row = o[1].get<std::uint32_t>();
      d.trial_effect = o[2].get<double>();
      d.effect = o[3].is_null() ? NAN : o[3].get<double>();
      d.success = o[4].get<bool>();
      if (d.replicate < 0 || d.replicate >= trial::kMaxOutcomes) return false;
      s.outcomes.push_back(d);
    }
  }
  return true;
}

ordered_json provenance_json(const SimProvenance& p) {
  return {{"protocol_file", p.protocol_file}, {"protocol_sha256", p.protocol_sha256},
          {"parameters_sha256", p.parameters_sha256}, {"version", p.version}, {"seed", p.seed},
          {"replicates", p.replicates}, {"null", p.null_effect}, {"truth_per_arm", p.truth_per_arm},
          {"alpha", p.alpha}, {"delta", p.delta}, {"models", p.models}, {"n", p.ns},
          {"posterior", {{"file", p.posterior_file}, {"sha256", p.posterior_sha256}, {"draws", p.posterior_draws}}},
          {"assume", p.assume}};
}

}  // namespace

std::vector<std::pair<int, double>> infection_km(const trial::InfectionStats& inf) {
  std::vector<std::pair<int, double>> out{{0, 1.0}};
  double at_risk = static_cast<double>(inf.subjects), surv = 1;
  for (std::size_t day = 0; day < inf.exits.size(); ++day) {
    if (inf.first_events[day] > 0 && at_risk > 0) {
      surv *= 1 - static_cast<double>(inf.first_events[day]) / at_risk;
      out.emplace_back(static_cast<int>(day), surv);
    }
    at_risk -= static_cast<double>(inf.exits[day]);
  }
  return out;
}

std::string primary_analysis_name(const trial::TrialDesign& d) {
  if (d.sequential)
    return "the group-sequential decision on " + d.endpoints[d.sequential->endpoint].id + " (" +
           trial::comparison_labels(d, d.endpoints[d.sequential->endpoint])[d.sequential->comparison] + ")";
  const auto main = trial::main_comparison(d);
  if (!main) return "";
  const trial::EndpointPlan& e = d.endpoints[main->first];
  if (e.method == trial::Method::mcp_mod) return "the primary analysis (" + e.id + ", MCP-Mod)";
  return "the primary comparison (" + e.id + ": " + d.arms[main->second].id + " vs " + d.arms[e.reference].id + ")";
}

double primary_power(const trial::TrialDesign& d, const trial::Summary& s) {
  const trial::PrimaryCount c = trial::primary_count(d, s);
  return c.ok > 0 ? frac(c.success, c.ok) : NAN;
}

ordered_json simulation_json(const trial::TrialDesign& d, const SimProvenance& p, const trial::SimulationResult& r) {
  ordered_json j;
  j["protocol"] = d.protocol->identity.id.value;
  j["provenance"] = provenance_json(p);
  if (!d.simulated_strata.note.empty()) {
    ordered_json factors = ordered_json::array();
    for (std::size_t k = 0; k < d.strata.factors.size(); ++k) {
      const trial::Factor& f = d.strata.factors[k];
      const auto& used = d.simulated_strata.factors;
      factors.push_back({{"factor", f.name}, {"levels", f.levels},
                         {"simulated", std::find(used.begin(), used.end(), k) != used.end()}});
    }
    j["randomisation"] = {{"strata", factors}, {"note", d.simulated_strata.note}};
  }
  j["truth"] = {{"per_arm", r.truth.per_arm}};
  for (const trial::Summary& s : r.summaries) {
    ordered_json size;
    size["n"] = s.n;
    size["replicates"] = s.replicates;
    size["failed"] = s.failed;
    if (s.failed > 0) size["first_failure"] = {{"replicate", s.first_failed}, {"error", s.first_error}};
    size["screened_per_replicate"] = num(frac(s.screened, s.replicates));
    size["screen_failure_rate"] = num(frac(s.screen_failures, s.screened));
    size["undetermined_rate"] = num(frac(s.undetermined, s.screened));
    if (!d.simulated_strata.factors.empty()) size["unplaced_in_strata_rate"] = num(frac(s.unplaced, s.enrolled));
    {
      ordered_json by = ordered_json::object();
      for (std::size_t k = 0; k < d.criteria.criteria.size(); ++k)
        if (s.failed_by[k] > 0)
          by[(d.criteria.criteria[k].inclusion ? "inclusion " : "exclusion ") + d.criteria.criteria[k].id] =
              num(frac(s.failed_by[k], s.screened));
      size["excluded_by_criterion"] = by;
    }
    size["completion_rate"] = num(frac(s.completed, s.enrolled));
    size["doses_taken_rate"] = num(frac(s.doses_taken, s.doses_planned));
    for (std::size_t a = 0; a < d.arms.size(); ++a)
      size["arms"].push_back({{"id", d.arms[a].id}, {"enrolled_per_replicate", num(frac(s.arm_enrolled[a], s.replicates))}});
    for (std::size_t e = 0; e < d.endpoints.size(); ++e) {
      const trial::EndpointPlan& plan = d.endpoints[e];
      const trial::EndpointStats& st = s.endpoints[e];
      ordered_json x{{"id", plan.id}, {"primary", plan.primary}, {"instrument", plan.instrument},
                     {"method", trial::to_string(plan.method)}};
      if (plan.multiplicity != trial::Multiplicity::none) x["multiplicity"] = trial::to_string(plan.multiplicity);
      if (!plan.note.empty()) x["note"] = plan.note;
      if (plan.reading == trial::Reading::not_simulated) {
        size["endpoints"].push_back(x);
        continue;
      }
      for (std::size_t a = 0; a < plan.arms.size(); ++a) {
        const auto& h = st.arm_hist[a];
        x["arms"].push_back({{"id", d.arms[plan.arms[a]].id}, {"mean", num(st.arm_mean[a].mean())},
                             {"sd", num(st.arm_mean[a].sd())}, {"p05", num(h.quantile(0.05))},
                             {"p50", num(h.quantile(0.5))}, {"p95", num(h.quantile(0.95))},
                             {"truth", num(r.truth.arm_mean[e][a])}});
      }
      const auto labels = trial::comparison_labels(d, plan);
      for (std::size_t c = 0; c < labels.size(); ++c) {
        const trial::ComparisonStats& cs = st.comparisons[c];
        const double truth = r.truth.effects[e][c];
        x["comparisons"].push_back({{"comparison", labels[c]},
                                    {"scale", trial::estimate_scale(plan.method)},
                                    {p.null_effect ? "type_i_error" : "power", num(frac(cs.reject, cs.ok))},
                                    {"analysed", cs.ok},
                                    {"mean_estimate", num(cs.estimate.mean())},
                                    {"truth", num(truth)},
                                    {"bias", num(cs.estimate.mean() - truth)},
                                    {"empirical_se", num(cs.estimate.sd())},
                                    {"coverage", num(std::isfinite(truth) ? frac(cs.covered, cs.ok) : NAN)}});
      }
      if (plan.method == trial::Method::mcp_mod) {
        ordered_json picks;
        for (std::size_t a = 0; a < d.arms.size(); ++a)
          if (d.arms[a].gives_il2) picks[d.arms[a].id] = num(frac(st.picks[a], st.mcp_ok));
        picks["none"] = num(frac(st.picks.back(), st.mcp_ok));
        x["mcp_mod"] = {{p.null_effect ? "type_i_error" : "power", num(frac(st.mcp_reject, st.mcp_ok))},
                        {"analysed", st.mcp_ok},
                        {"dose_picked", picks}};
      }
      size["endpoints"].push_back(x);
    }
    for (std::size_t a = 0; a < d.arms.size(); ++a) {
      const trial::InfectionStats& inf = s.infections[a];
      const double py = static_cast<double>(inf.patient_days) / 365.25;
      ordered_json km;
      const auto curve = infection_km(inf);
      for (int day : {28, 84, 168, 365, 730}) {
        if (day >= static_cast<int>(inf.exits.size())) break;
        double surv = 1;
        for (const auto& [t, v] : curve)
          if (t <= day) surv = v;
        km.push_back({{"day", day}, {"free_of_infection", surv}});
      }
      size["infections"].push_back({{"arm", d.arms[a].id},
                                    {"per_100_patient_years", num(py > 0 ? 100 * static_cast<double>(inf.infections) / py : NAN)},
                                    {"serious_per_100_patient_years", num(py > 0 ? 100 * static_cast<double>(inf.serious) / py : NAN)},
                                    {"replicate_rate_sd", num(inf.rate_per_100py.sd())},
                                    {"kaplan_meier", km}});
    }
    const std::size_t at = j["sizes"].size();
    if (d.sequential && at < r.sequential.size())
      size["group_sequential"] = group_sequential_json(d, r.sequential[at], s, p.null_effect);
    if (const auto sc = scenario_json(d, s); !sc.is_null()) size["scenario"] = sc;
    if (auto u = uncertainty_json(d, p, r, at); !u.is_null()) {
      if (d.sequential && at < r.assurance.size() && at < r.sequential.size())  // the looks under the posterior
        u["group_sequential"] = group_sequential_json(d, r.sequential[at], r.assurance[at], p.null_effect);
      size["uncertainty"] = u;
    }
    j["sizes"].push_back(size);
  }
  j["primary_analysis"] = primary_analysis_name(d);
  for (const trial::Summary& s : r.summaries) j["power_curve"].push_back({{"n", s.n}, {p.null_effect ? "type_i_error" : "power", num(primary_power(d, s))}});
  return j;
}

ordered_json shard_json(const SimProvenance& p, int shard, int shards, const trial::SimulationResult& r) {
  ordered_json j;
  j["il2trial_shard"] = 1;
  j["provenance"] = provenance_json(p);
  j["shard"] = {shard, shards};
  j["replicates_run"] = {r.first, r.last};
  j["truth"] = {{"per_arm", r.truth.per_arm}, {"effects", r.truth.effects}, {"arm_mean", r.truth.arm_mean}};
  for (const trial::Summary& s : r.summaries) j["summaries"].push_back(summary_raw(s));
  j["assurance"] = json::array();
  for (const trial::Summary& s : r.assurance) j["assurance"].push_back(summary_raw(s));
  j["draw_names"] = r.draw_names;
  j["draw_values"] = json::object();
  for (const auto& [row, values] : r.draw_values) j["draw_values"][std::to_string(row)] = values;
  return j;
}

bool read_shard(const json& j, const trial::TrialDesign& d, SimProvenance& p, int& shard, int& shards,
                trial::SimulationResult& r, Error& error) {
  try {
    if (!j.contains("il2trial_shard")) {
      error = "not a shard file (no il2trial_shard field)";
      return false;
    }
    const json& pv = j.at("provenance");
    p.protocol_file = pv.at("protocol_file").get<std::string>();
    p.protocol_sha256 = pv.at("protocol_sha256").get<std::string>();
    p.parameters_sha256 = pv.at("parameters_sha256").get<std::string>();
    p.version = pv.at("version").get<std::string>();
    p.seed = pv.at("seed").get<std::uint64_t>();
    p.replicates = pv.at("replicates").get<std::int64_t>();
    p.null_effect = pv.at("null").get<bool>();
    p.truth_per_arm = pv.at("truth_per_arm").get<int>();
    p.alpha = pv.at("alpha").get<double>();
    p.delta = pv.at("delta").get<double>();
    p.models = pv.at("models").get<std::string>();
    p.ns = pv.at("n").get<std::vector<int>>();
    p.posterior_file = pv.at("posterior").at("file").get<std::string>();
    p.posterior_sha256 = pv.at("posterior").at("sha256").get<std::string>();
    p.posterior_draws = pv.at("posterior").at("draws").get<std::int64_t>();
    if (pv.contains("assume")) p.assume = pv.at("assume").get<std::vector<std::string>>();
    for (int n : p.ns)
      if (n < 2 || n > kMaxParticipants) {
        error = "provenance.n: " + std::to_string(n) + " is not a trial size";
        return false;
      }
    shard = j.at("shard").at(0).get<int>();
    shards = j.at("shard").at(1).get<int>();
    if (shards < 1 || shard < 0 || shard >= shards || p.replicates < 1) {
      error = "shard: " + std::to_string(shard) + "/" + std::to_string(shards) + " is not a part i/n with 0 ≤ i < n";
      return false;
    }
    r.first = j.at("replicates_run").at(0).get<std::int64_t>();
    r.last = j.at("replicates_run").at(1).get<std::int64_t>();
    if (std::pair{r.first, r.last} != trial::shard_range(p.replicates, shard, shards)) {
      error = "replicates_run: not the replicates of shard " + std::to_string(shard) + "/" + std::to_string(shards);
      return false;
    }
    r.truth.per_arm = j.at("truth").at("per_arm").get<int>();
    for (const auto& row : j.at("truth").at("effects")) {
      std::vector<double> v;
      for (const auto& x : row) v.push_back(x.is_null() ? NAN : x.get<double>());
      r.truth.effects.push_back(v);
    }
    for (const auto& row : j.at("truth").at("arm_mean")) {
      std::vector<double> v;
      for (const auto& x : row) v.push_back(x.is_null() ? NAN : x.get<double>());
      r.truth.arm_mean.push_back(v);
    }
    if (r.truth.effects.size() != d.endpoints.size() || r.truth.arm_mean.size() != d.endpoints.size()) {
      error = "truth: not one row per endpoint of this protocol";
      return false;
    }
    for (std::size_t e = 0; e < d.endpoints.size(); ++e)
      if (r.truth.effects[e].size() != trial::comparison_labels(d, d.endpoints[e]).size() ||
          r.truth.arm_mean[e].size() != d.endpoints[e].arms.size()) {
        error = "truth: endpoint " + d.endpoints[e].id + " has the wrong number of values";
        return false;
      }
    const json& sums = j.at("summaries");
    if (sums.size() != p.ns.size()) {
      error = "summaries: " + std::to_string(sums.size()) + " for " + std::to_string(p.ns.size()) + " sample sizes";
      return false;
    }
    const int max_day = trial::max_follow_up_day(d);
    for (std::size_t k = 0; k < sums.size(); ++k) {
      trial::Summary s = trial::Summary::empty(d, p.ns[k], max_day);
      std::string where;
      if (!summary_read(sums[k], s, where)) {
        error = "summaries[" + std::to_string(k) + "]." + where + ": missing or not as this protocol's simulation writes it";
        return false;
      }
      r.summaries.push_back(std::move(s));
    }
    const json& ass = j.at("assurance");
    if (!ass.is_array() || (ass.size() != 0 && ass.size() != p.ns.size()) || ass.empty() != p.posterior_sha256.empty()) {
      error = "assurance: one summary per sample size with a posterior, none without";
      return false;
    }
    for (std::size_t k = 0; k < ass.size(); ++k) {
      trial::Summary s = trial::Summary::empty(d, p.ns[k], max_day);
      std::string where;
      if (!summary_read(ass[k], s, where)) {
        error = "assurance[" + std::to_string(k) + "]." + where + ": missing or not as this protocol's simulation writes it";
        return false;
      }
      r.assurance.push_back(std::move(s));
    }
    r.draw_names = j.at("draw_names").get<std::vector<std::string>>();
    for (const auto& [row, values] : j.at("draw_values").items()) {
      std::uint32_t k = 0;
      auto [ptr, ec] = std::from_chars(row.data(), row.data() + row.size(), k);
      auto v = values.get<std::vector<double>>();
      if (ec != std::errc() || ptr != row.data() + row.size() || v.size() != r.draw_names.size()) {
        error = "draw_values." + row + ": not a posterior row of " + std::to_string(r.draw_names.size()) + " values";
        return false;
      }
      r.draw_values[k] = std::move(v);
    }
    for (const trial::Summary& s : r.assurance)
      for (const trial::DrawOutcome& o : s.outcomes)
        if (!r.draw_values.count(o.row)) {
          error = "draw_values: posterior row " + std::to_string(o.row) + " is used but not given";
          return false;
        }
  } catch (const json::exception& e) {
    error = std::string("a field is missing or of the wrong type (") + e.what() + ")";
    return false;
  }
  if (d.sequential)  // the bounds are the design's, made again as the run made them
    for (int n : p.ns) {
      const trial::EndpointPlan& e = d.endpoints[d.sequential->endpoint];
      auto g = trial::sequential_design(*d.sequential, n, e.alpha.value_or(p.alpha));
      if (!g) {
        error = g.error().text();
        return false;
      }
      r.sequential.push_back(std::move(*g));
    }
  r.ok = true;
  return true;
}

}  // namespace il2t::report
