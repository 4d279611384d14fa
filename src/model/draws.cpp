#include "model/draws.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/rng.h"
#include "model/trial_effect.h"

namespace il2t::model {

std::optional<std::size_t> ParameterDraws::column(const std::string& name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

std::vector<double> ParameterDraws::medians() const {
  std::vector<double> out;
  std::vector<std::size_t> order(rows.size());
  for (std::size_t c = 0; c < names.size(); ++c) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rows[a][c] < rows[b][c]; });
    double cum = 0;
    double m = rows.empty() ? NAN : rows[order.back()][c];
    for (std::size_t i : order) {
      cum += weights[i];
      if (cum >= 0.5 - 1e-12) {
        m = rows[i][c];
        break;
      }
    }
    out.push_back(m);
  }
  return out;
}

ReplicateDraw draw_replicate(const ParameterDraws& d, const ParameterSet& base, Disease disease, std::uint64_t seed,
                             std::uint64_t replicate) {
  ReplicateDraw r;
  Stream pick(seed, replicate, 0, Purpose::posterior);
  const double u = pick.uniform();
  double cum = 0;
  r.row = d.rows.size() - 1;
  for (std::size_t i = 0; i < d.weights.size(); ++i) {
    cum += d.weights[i];
    if (u < cum) {
      r.row = i;
      break;
    }
  }
  if (const auto t = trial_effect_parameters(disease)) {
    const std::string sd(t->sd);
    if (const auto c = d.column(sd)) r.trial_sd = d.rows[r.row][*c];
    else if (const Parameter* p = base.find(sd)) r.trial_sd = p->value;
    Stream effect(seed, replicate, 0, Purpose::trial_effect);
    r.trial_effect = r.trial_sd * effect.normal();
  }
  return r;
}

std::vector<std::pair<std::string, double>> replicate_overrides(const ParameterDraws& d, const ParameterSet& base,
                                                               Disease disease, const ReplicateDraw& r) {
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t c = 0; c < d.names.size(); ++c) out.emplace_back(d.names[c], d.rows[r.row][c]);
  if (const auto t = trial_effect_parameters(disease); t && r.trial_effect != 0) {
    const std::string share(t->share);
    double v = 0;
    if (const auto c = d.column(share)) v = d.rows[r.row][*c];
    else if (const Parameter* p = base.find(share)) v = p->value;
    out.emplace_back(share, shifted_share(v, r.trial_effect, base.find(share)));
  }
  return out;
}

const Model* ReplicateModels::at(std::uint64_t seed, std::uint64_t replicate, Error& error) {
  last_ = draw_replicate(draws_, base_, disease_, seed, replicate);
  ModelLoad m = make_model(base_, replicate_overrides(draws_, base_, disease_, last_));
  if (!m.model) {
    error = "posterior draw " + std::to_string(last_.row + 1) + " (replicate " + std::to_string(replicate) +
            "): " + (m.errors.empty() ? std::string("the model could not be built") : m.errors.front().text());
    return nullptr;
  }
  model_ = std::move(m.model);
  return &*model_;
}

}  // namespace il2t::model
