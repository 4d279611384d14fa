#include "calibration/posterior_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "calibration/row_correlation.h"
#include "model/trial_effect.h"

namespace il2t::calibration {

namespace {

std::optional<std::size_t> theta_index(const PosteriorLayout& l, std::string_view name) {
  for (std::size_t i = 0; i < l.theta.size(); ++i)
    if (l.theta[i].name == name) return i;
  return std::nullopt;
}

// What a mapped row estimates: rows with one key have one expected value.
std::string value_key(const Mapping& m) {
  return std::to_string(*m.study) + "/" + std::to_string(m.arm) + "/" + std::to_string(m.visit) + "/" +
         std::to_string(static_cast<int>(m.measure.kind)) + "/" + std::to_string(static_cast<int>(m.measure.test)) + "/" +
         m.measure.term + "/" + std::to_string(m.measure.level);
}

}  // namespace

Expected<PosteriorLayout> make_layout(const Setup& s, const std::vector<FreeParameter>& free,
                                      const model::ParameterSet& base, const std::string& free_file) {
  PosteriorLayout l;
  for (std::size_t i = 0; i < free.size(); ++i) {
    if (free[i].prior_only) l.prior_only.push_back(i);
    else if (model::is_trial_effect_sd(free[i].name)) l.sds.push_back(i);
    else l.inputs.push_back(i);
  }
  for (std::size_t i : l.inputs) l.theta.push_back(free[i]);
  for (std::size_t i : l.sds) l.theta.push_back(free[i]);
  l.mean.resize(s.targets.size());
  l.spread.resize(s.targets.size());
  std::map<std::string, int> group_of;
  std::map<std::string, std::vector<std::size_t>> same_value;  // observed rows by what they estimate
  for (std::size_t r = 0; r < s.targets.size(); ++r) {
    const Mapping& m = s.mappings[r];
    if (!m.study) continue;
    const Target& t = s.targets[r];
    Observed o;
    o.kind = term_kind(t, m);
    o.increase = t.statistic == "fold_minus_1";
    l.mean[r] = o.mean = l.output_names.size();
    l.output_names.push_back(t.id);
    if (o.kind == TermKind::binomial) {
      o.n = *t.denominator;
      o.k = t.numerator ? *t.numerator : t.value * o.n;
    } else {
      o.y = observed_value(t, o.kind);
      l.spread[r] = o.spread = l.output_names.size();
      l.output_names.push_back(t.id + " (spread)");
    }
    if (m.trial_disease && !m.trial.empty()) {
      const auto te = model::trial_effect_parameters(*m.trial_disease);
      const auto share = te ? theta_index(l, te->share) : std::nullopt;
      if (share && *share < l.inputs.size() && !l.theta[*share].log_scale) {
        return Error{.message = "parameter.scale: " + l.theta[*share].name +
                                " is multiplied by a trial effect, so it is searched on the log scale (write scale = \"log\")",
                     .file = free_file,
                     .pos = {l.theta[*share].line, 0},
                     .field = "parameter.scale"};
      }
      if (share && *share < l.inputs.size()) {
        auto [it, fresh] = group_of.try_emplace(m.trial, static_cast<int>(l.groups.size()));
        if (fresh) {
          TrialGroup g;
          g.name = m.trial;
          g.share = *share;
          g.sd = theta_index(l, te->sd);
          g.pooled = m.pooled_trials;
          if (!g.sd) {
            const model::Parameter* p = base.find(std::string(te->sd));
            if (!p) return Error{.message = "the model has no parameter " + std::string(te->sd)};
            g.sd_fixed = p->value;
          }
          l.groups.push_back(std::move(g));
        }
        o.group = it->second;
      }
    }
    same_value[value_key(m)].push_back(l.observed.size());
    l.observed_row.push_back(r);
    l.observed.push_back(o);
  }
  int sets = 0;
  for (const auto& [key, rows] : same_value) {
    if (rows.size() < 2) continue;
    for (std::size_t k : rows) l.observed[k].error_set = sets;
    ++sets;
  }
  for (std::vector<std::size_t>& rows : assign_clusters(s, l)) {
    RowCluster c;
    c.corr.assign(rows.size() * rows.size(), 0.0);
    for (std::size_t i = 0; i < rows.size(); ++i) c.corr[i * rows.size() + i] = 1;
    for (std::size_t r : rows) c.outputs.push_back(l.observed[r].mean);
    c.rows = std::move(rows);
    l.clusters.push_back(std::move(c));
  }
  if (l.inputs.empty())
    return Error{.message = "parameter: none informs the targets (each is prior-only or a between-trial SD)",
                 .file = free_file,
                 .pos = {1, 0},
                 .field = "parameter"};
  return l;
}

std::vector<std::pair<std::string, double>> input_overrides(const PosteriorLayout& l, const double* x) {
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t i = 0; i < l.inputs.size(); ++i) out.emplace_back(l.theta[i].name, l.theta[i].from_search(x[i]));
  return out;
}

std::vector<double> outputs_of(const Setup& s, const PosteriorLayout& l, const CheckOutcome& c) {
  const std::size_t m = l.outputs();
  std::vector<double> y(2 * m, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t k = 0; k < l.observed.size(); ++k) {
    const std::size_t r = l.observed_row[k];
    const Observed& o = l.observed[k];
    const ReplicateSummary sum = summarise(s.targets[r], o.kind, c.rows[r].values);
    if (sum.n == 0) continue;
    const double n = static_cast<double>(sum.n);
    if (o.kind == TermKind::binomial) {
      const double p = std::clamp(sum.mean, 0.0, 1.0);
      y[o.mean] = std::asin(std::sqrt(p));
      const double q = std::clamp(p, 0.01, 0.99);  // the delta method's slope, held finite at 0 and 1
      y[m + o.mean] = sum.var / n / (4 * q * (1 - q));
      continue;
    }
    const double tau = resolution(s.targets[r], o.kind);
    y[o.mean] = sum.mean;
    y[*o.spread] = 0.5 * std::log(sum.var + tau * tau);
    y[m + o.mean] = sum.var / n;
    y[m + *o.spread] = sum.n > 1 ? 1 / (2 * (n - 1)) : NAN;
  }
  return y;
}

}  // namespace il2t::calibration
