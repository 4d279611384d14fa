#include "core/diagnostic.h"

#include <algorithm>
#include <vector>

namespace il2t {

namespace {
// "file:line:column" as far as known.
std::string place(const Error& e) {
  std::string out = e.file;
  if (e.pos.line > 0) {
    out += ':' + std::to_string(e.pos.line);
    if (e.pos.column > 0) out += ':' + std::to_string(e.pos.column);
  }
  return out;
}
}  // namespace

std::string Error::text() const {
  const std::string where = place(*this);
  return where.empty() ? message : where + ": " + message;
}

std::string format(const Error& e) {
  const std::string where = place(e);
  const char* kind = e.severity == Severity::error ? "error: " : "warning: ";
  return (where.empty() ? std::string() : where + ": ") + kind + e.message;
}

void Diagnostics::error(SourcePos pos, std::string message) {
  items_.push_back({.message = std::move(message), .file = file_, .pos = pos, .severity = Severity::error});
}

void Diagnostics::warning(SourcePos pos, std::string message) {
  items_.push_back({.message = std::move(message), .file = file_, .pos = pos, .severity = Severity::warning});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

int Diagnostics::error_count() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  }));
}

int Diagnostics::warning_count() const {
  return static_cast<int>(items_.size()) - error_count();
}

void Diagnostics::sort_by_position() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.column < b.pos.column;
  });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}


}  // namespace il2t
