#include "calibration/evaluator.h"

#include <atomic>

#include "model/model.h"

namespace il2t::calibration {

std::vector<double> Evaluator::base_values() const {
  std::vector<double> v;
  for (const auto& p : free_) v.push_back(base_.find(p.name)->value);
  return v;
}

Evaluation Evaluator::at(const std::vector<double>& values) const {
  Evaluation out;
  std::vector<std::pair<std::string, double>> overrides;
  for (std::size_t i = 0; i < free_.size(); ++i) overrides.emplace_back(free_[i].name, values[i]);
  auto m = model::make_model(base_, overrides);
  if (!m.model) {
    out.error = m.errors.empty() ? "the model could not be built" : m.errors.front().text();
    return out;
  }
  std::atomic<std::int64_t> done{0};
  const CheckOutcome c = check_model(setup_, *m.model, settings_, done);
  if (!c.error.empty()) {
    out.error = c.error;
    return out;
  }
  out.value = objective(setup_, c);
  out.error = out.value.error;
  out.inside = c.inside();
  out.simulated = c.simulated();
  return out;
}

}  // namespace il2t::calibration
