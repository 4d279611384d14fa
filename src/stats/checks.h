#pragma once
// Named argument checks for the statistics entry points (in the style of Stan Math's
// check_positive_finite): each returns an empty string when the argument is valid, or
// a message naming the function, the argument and its value.
#include <cmath>
#include <span>
#include <string>

namespace il2t::stats {

std::string check_count(const char* fn, const char* name, double x);            // whole, >= 0
std::string check_positive_count(const char* fn, const char* name, double x);   // whole, >= 1
std::string check_at_most(const char* fn, const char* name, double x, const char* bound_name, double bound);
std::string check_probability_open(const char* fn, const char* name, double x);  // 0 < x < 1
std::string check_finite(const char* fn, const char* name, std::span<const double> xs);
std::string check_min_size(const char* fn, const char* name, std::size_t n, std::size_t min);

// The first non-empty message of several checks.
template <typename... S>
std::string first_error(const S&... s) {
  std::string out;
  ((out.empty() && !s.empty() ? (void)(out = s) : (void)0), ...);
  return out;
}

}  // namespace il2t::stats
