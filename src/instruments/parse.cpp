#include "instruments/parse.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "core/units.h"

namespace il2t::instruments::detail {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<double> parse_number(std::string_view text) {
  const std::string t = lower_trimmed(text);
  if (t.empty()) return std::nullopt;
  const char* first = t.data();
  if (*first == '+') ++first;
  double x = 0;
  const auto r = std::from_chars(first, t.data() + t.size(), x, std::chars_format::fixed);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

std::optional<bool> parse_presence(std::string_view text) {
  const std::string t = lower_trimmed(text);
  if (t == "1" || t == "yes" || t == "y" || t == "true" || t == "present") return true;
  if (t == "0" || t == "no" || t == "n" || t == "false" || t == "absent") return false;
  return std::nullopt;
}

std::string number_text(double x) { return units::format_number(x); }

Scored<double> in_range(std::string_view item, std::string_view label, double x, double lo, double hi,
                        std::string_view unit) {
  if (std::isnan(x)) return fail(std::string(item), std::string(label) + ": the value is not a number");
  if (x < lo || x > hi) {
    return fail(std::string(item), std::string(label) + ": " + number_text(x) + " is outside " + number_text(lo) +
                                       "–" + number_text(hi) + std::string(unit));
  }
  return x;
}

Scored<double> in_range_of(std::string_view instrument, std::string_view item, double x, double lo, double hi,
                           std::string_view unit) {
  if (!std::isnan(x) && x >= lo && x <= hi) return x;
  return in_range(item, std::string(instrument) + " " + std::string(item), x, lo, hi, unit);
}

Scored<std::vector<std::string>> match_items(std::string_view instrument,
                                             std::span<const std::string_view> ids,
                                             const ItemValues& values) {
  std::vector<std::string> out(ids.size());
  std::vector<bool> seen(ids.size(), false);
  for (const ItemValue& v : values) {
    std::size_t k = 0;
    while (k < ids.size() && ids[k] != v.id) ++k;
    if (k == ids.size()) {
      return fail(v.id, std::string(instrument) + ": unknown item \"" + v.id + "\"");
    }
    if (seen[k]) return fail(v.id, std::string(instrument) + " " + v.id + ": given twice");
    seen[k] = true;
    out[k] = v.value;
  }
  for (std::size_t k = 0; k < ids.size(); ++k) {
    if (!seen[k]) {
      return fail(std::string(ids[k]), std::string(instrument) + " " + std::string(ids[k]) + ": missing");
    }
  }
  return out;
}

}  // namespace il2t::instruments::detail
