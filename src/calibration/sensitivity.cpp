#include "calibration/sensitivity.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace il2t::calibration {

namespace {

constexpr double kLogStep = 0.22314355131420976;  // ln 1.25
constexpr double kFlat = 0.05;                     // objective change below which a parameter is flat

std::vector<std::string> drivers(const ObjectiveValue& a, const ObjectiveValue& b) {
  std::vector<std::pair<double, std::string>> d;
  for (std::size_t i = 0; i < a.terms.size() && i < b.terms.size(); ++i) {
    const double delta = b.terms[i].value - a.terms[i].value;
    if (std::abs(delta) >= 0.05) d.emplace_back(delta, a.terms[i].id);
  }
  std::sort(d.begin(), d.end(), [](const auto& x, const auto& y) { return std::abs(x.first) > std::abs(y.first); });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < d.size() && i < 3; ++i) out.push_back(fmt::format("{} ({:+.2f})", d[i].second, d[i].first));
  return out;
}

}  // namespace

SensitivityResult sensitivity(const std::vector<FreeParameter>& free, const std::vector<double>& values,
                              const Objective& f, const std::function<void(int, int)>& on_eval) {
  SensitivityResult out;
  // The search-scale step of parameter i and the centre of its three points: the value,
  // moved inward when a step would cross a bound (which costs one more evaluation).
  auto step = [&](std::size_t i) { return free[i].log_scale ? kLogStep : 0.05 * (free[i].upper - free[i].lower); };
  auto middle = [&](std::size_t i) {
    const FreeParameter& p = free[i];
    return std::clamp(p.to_search(values[i]), p.to_search(p.lower) + step(i), p.to_search(p.upper) - step(i));
  };
  int n = 1;
  for (std::size_t i = 0; i < free.size(); ++i) n += 2 + (middle(i) != free[i].to_search(values[i]));
  int done = 0;
  auto eval = [&](const std::vector<double>& v, ObjectiveValue& into) {
    Evaluation e = f(v);
    if (!e.error.empty()) {
      out.error = e.error;
      return false;
    }
    into = std::move(e.value);
    if (on_eval) on_eval(++done, n);
    return true;
  };
  ObjectiveValue centre;
  if (!eval(values, centre)) return out;
  out.centre = centre.likelihood;
  for (std::size_t i = 0; i < free.size(); ++i) {
    const FreeParameter& p = free[i];
    const double h = step(i), mid = middle(i);
    SensitivityRow row;
    row.name = p.name;
    row.fitted = p.fit;
    row.value = values[i];
    std::vector<double> v = values;
    ObjectiveValue fm, fc, fp;
    v[i] = p.from_search(mid - h);
    row.minus_value = v[i];
    if (!eval(v, fm)) return out;
    v[i] = p.from_search(mid + h);
    row.plus_value = v[i];
    if (!eval(v, fp)) return out;
    if (mid == p.to_search(values[i])) {
      fc = centre;
    } else {
      v[i] = p.from_search(mid);
      if (!eval(v, fc)) return out;
    }
    row.f_minus = fm.likelihood;
    row.f_plus = fp.likelihood;
    row.curvature = (fm.likelihood - 2 * fc.likelihood + fp.likelihood) / (h * h);
    const bool flat = std::abs(fm.likelihood - fc.likelihood) < kFlat && std::abs(fp.likelihood - fc.likelihood) < kFlat;
    const double u = p.to_search(values[i]);
    if (row.curvature > 0 && !flat) {
      const double half = 1.96 / std::sqrt(row.curvature);
      row.lower = p.from_search(u - half);
      row.upper = p.from_search(u + half);
      const bool narrow = p.log_scale ? half < std::log(2.0) : 2 * half < 0.5 * (p.upper - p.lower);
      row.verdict = narrow ? "determined" : "weakly determined";
    } else {
      row.lower = row.upper = std::numeric_limits<double>::quiet_NaN();
      row.verdict = flat ? "not determined (flat)" : "not determined (no minimum here)";
    }
    row.drivers = drivers(fm, fp);
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace il2t::calibration
