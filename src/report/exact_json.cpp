#include "report/exact_json.h"

#include <cmath>

namespace il2t::report {

using nlohmann::json;
using nlohmann::ordered_json;
using trial::Wide;

std::string wide_text(Wide v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  // Digits of the magnitude, taken from the negative side (which holds every value).
  Wide u = neg ? v : -v;
  std::string s;
  while (u < 0) {
    s.insert(s.begin(), static_cast<char>('0' - static_cast<int>(u % 10)));
    u /= 10;
  }
  return neg ? "-" + s : s;
}

bool wide_parse(const std::string& s, Wide& out) {
  if (s.empty()) return false;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  Wide v = 0;  // accumulated as a negative number, which has room for every value
  if (s.size() - i > 38) return false;  // |value| < 10^38 < 2^127: no overflow
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 - (s[i] - '0');
  }
  out = s[0] == '-' ? v : -v;
  return true;
}

ordered_json exact_json(const trial::ExactSum& e) { return {wide_text(e.sum), wide_text(e.squares), e.n}; }
bool exact_read(const json& j, trial::ExactSum& e) {
  if (!j.is_array() || j.size() != 3 || !j[0].is_string() || !j[1].is_string() || !j[2].is_number_integer()) return false;
  e.n = j[2].get<std::int64_t>();
  return wide_parse(j[0].get<std::string>(), e.sum) && wide_parse(j[1].get<std::string>(), e.squares);
}

// An array of exactly v.size() counts, none below `least`.
bool counts_read(const json& j, std::vector<std::int64_t>& v, std::int64_t least) {
  if (!j.is_array() || j.size() != v.size()) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!j[i].is_number_integer()) return false;
    v[i] = j[i].get<std::int64_t>();
    if (v[i] < least) return false;
  }
  return true;
}

ordered_json num(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }

double frac(std::int64_t a, std::int64_t b) { return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : NAN; }

const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

}  // namespace il2t::report
