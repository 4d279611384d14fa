#include "report/screen_formats.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <nlohmann/json.hpp>

namespace il2t::report {

namespace {

std::string join(const std::vector<std::string>& xs, const char* sep) {
  std::string s;
  for (const auto& x : xs) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::string kind(const eligibility::CriterionOutcome& o) { return o.inclusion ? "inclusion" : "exclusion"; }

}  // namespace

std::string screen_text(const std::vector<eligibility::ScreenResult>& results, const ScreenDate& as_of) {
  std::string o;
  std::map<std::string, std::array<int, 3>> counts;
  for (const auto& r : results) {
    o += fmt::format("{} × {}: {}\n", r.patient, r.protocol, to_string(r.verdict));
    for (const auto& f : r.failed)
      o += fmt::format("  failed   {} {}: {}\n", kind(f), f.id, join(f.reasons, "; "));
    // Unknowns matter when they decide the verdict; the JSON lists them always.
    if (r.verdict == eligibility::Verdict::undetermined)
      for (const auto& u : r.unknown)
        o += fmt::format("  unknown  {} {}: missing {}\n", kind(u), u.id, join(u.missing, ", "));
    if (!r.manual.empty()) {
      std::vector<std::string> ids;
      for (const auto& m : r.manual) ids.push_back(m.id);
      o += fmt::format("  manual   {} (for the investigator)\n", join(ids, ", "));
    }
    counts[r.protocol][static_cast<std::size_t>(r.verdict)]++;
  }
  o += "\nprotocol       eligible  not eligible  undetermined\n";
  for (const auto& [p, c] : counts) o += fmt::format("{:<14} {:>8}  {:>12}  {:>12}\n", p, c[0], c[1], c[2]);
  o += as_of.given ? fmt::format("\nscreened as of {} (--as-of)\n", as_of.date)
                   : fmt::format("\nscreened as of {}, today: give --as-of {} to screen as of this day again\n",
                                 as_of.date, as_of.date);
  return o;
}

std::string screen_json(const std::vector<eligibility::ScreenResult>& results, const ScreenDate& as_of) {
  using nlohmann::ordered_json;
  ordered_json j = ordered_json::array();
  for (const auto& r : results) {
    ordered_json x;
    x["patient"] = r.patient;
    x["protocol"] = r.protocol;
    x["verdict"] = to_string(r.verdict);
    x["as_of"] = as_of.date;
    x["failed"] = ordered_json::array();
    for (const auto& f : r.failed)
      x["failed"].push_back({{"id", f.id}, {"kind", kind(f)}, {"text", f.text}, {"reasons", f.reasons}});
    x["unknown"] = ordered_json::array();
    for (const auto& u : r.unknown)
      x["unknown"].push_back({{"id", u.id}, {"kind", kind(u)}, {"text", u.text}, {"missing", u.missing}});
    x["manual"] = ordered_json::array();
    for (const auto& m : r.manual) x["manual"].push_back({{"id", m.id}, {"kind", kind(m)}, {"text", m.text}});
    j.push_back(x);
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace il2t::report
