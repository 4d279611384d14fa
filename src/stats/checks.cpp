#include "stats/checks.h"

#include <fmt/format.h>

namespace il2t::stats {

std::string check_count(const char* fn, const char* name, double x) {
  if (!std::isfinite(x) || x < 0 || x != std::floor(x)) return fmt::format("{}: {} must be a whole number ≥ 0, got {}", fn, name, x);
  return {};
}

std::string check_positive_count(const char* fn, const char* name, double x) {
  if (!std::isfinite(x) || x < 1 || x != std::floor(x)) return fmt::format("{}: {} must be a whole number ≥ 1, got {}", fn, name, x);
  return {};
}

std::string check_at_most(const char* fn, const char* name, double x, const char* bound_name, double bound) {
  if (x > bound) return fmt::format("{}: {} ({}) exceeds {} ({})", fn, name, x, bound_name, bound);
  return {};
}

std::string check_probability_open(const char* fn, const char* name, double x) {
  if (!(x > 0 && x < 1)) return fmt::format("{}: {} must lie strictly between 0 and 1, got {}", fn, name, x);
  return {};
}

std::string check_finite(const char* fn, const char* name, std::span<const double> xs) {
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(xs[i])) return fmt::format("{}: {}[{}] is not a finite number", fn, name, i);
  }
  return {};
}

std::string check_min_size(const char* fn, const char* name, std::size_t n, std::size_t min) {
  if (n < min) return fmt::format("{}: {} needs at least {} values, got {}", fn, name, min, n);
  return {};
}

}  // namespace il2t::stats
