#pragma once
// A diagnostic: one problem found in an input file, with where it is and how bad.
// Expected failures travel as values (a list of diagnostics), never as exceptions
// across layers; the command line decides the exit status from them.
#include <string>
#include <string_view>
#include <vector>

namespace il2t {

// 1-based line and column in a file; 0 means "the file as a whole".
struct SourcePos {
  int line = 0;
  int column = 0;
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

enum class Severity { error, warning };

struct Diagnostic {
  std::string file;
  SourcePos pos;
  Severity severity = Severity::error;
  std::string message;  // starts with the field path, e.g. "arms[0].ratio: ..."
};

// "file:line:column: error: message" (line and column omitted when unknown).
std::string format(const Diagnostic& d);

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
