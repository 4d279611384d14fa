#pragma once
// What a statistical procedure returns: the numbers users compare with R (statistic,
// degrees of freedom, p-value, estimate, interval) where they apply, or an error
// message naming the bad argument. Expected failures are values (core/error.h's
// Error), never exceptions.
#include <optional>
#include <string>
#include <utility>

#include "core/error.h"

namespace il2t::stats {

struct Interval {
  double lower = 0, upper = 0;
};

struct TestResult {
  std::string method;
  std::optional<double> statistic, df, p_value, estimate, std_error;
  std::optional<Interval> ci;
};

template <typename T>
struct Outcome {
  std::optional<T> value;
  Error error;
  static Outcome fail(std::string message) { return {std::nullopt, Error{.message = std::move(message)}}; }
  static Outcome fail(Error e) { return {std::nullopt, std::move(e)}; }
  static Outcome ok(T v) { return {std::move(v), {}}; }
  explicit operator bool() const { return value.has_value(); }
};

}  // namespace il2t::stats
