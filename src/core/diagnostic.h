#pragma once
// The diagnostics of one input file: every problem found in it, with where it is and
// how bad, as error.h's Error values; and the "did you mean" helpers.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace il2t {

// One problem found in an input file: the error value (error.h), with its severity.
using Diagnostic = Error;

class Diagnostics {
 public:
  explicit Diagnostics(std::string file = {}) : file_(std::move(file)) {}

  void error(SourcePos pos, std::string message);
  void warning(SourcePos pos, std::string message);

  bool has_errors() const;
  int error_count() const;
  int warning_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  const std::string& file() const { return file_; }
  // Orders by position so output reads top to bottom.
  void sort_by_position();

 private:
  std::string file_;
  std::vector<Diagnostic> items_;
};

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `key` at an edit distance below `below`, or "" if none.
template <class Range>
std::string closest_match(std::string_view key, const Range& candidates, std::size_t below) {
  std::string best;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(key, c);
    if (d < below) {
      below = d;
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace il2t
