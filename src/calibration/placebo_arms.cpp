#include "calibration/placebo_arms.h"

#include <charconv>
#include <cmath>
#include <set>

#include "data/csv_read.h"

namespace il2t::calibration {

namespace {

const std::vector<std::string> kHeader = {"id",          "trial",  "disease",    "population", "drug_tested",
                                          "endpoint",    "week",   "statistic",  "value",      "numerator",
                                          "denominator", "region", "background", "note",       "source"};

// The endpoint vocabulary: true with the kind and level when `text` is known.
bool parse_endpoint(const std::string& text, PlaceboEndpoint& kind, int& level) {
  for (int k = 4; k <= 8; ++k)
    if (text == "SRI-" + std::to_string(k)) {
      kind = PlaceboEndpoint::sri, level = k;
      return true;
    }
  if (text == "modified SRI-4") {
    kind = PlaceboEndpoint::modified_sri, level = 4;
    return true;
  }
  if (text.rfind("SRI-S2K", 0) == 0) {
    kind = PlaceboEndpoint::sri_s2k, level = 4;
    return true;
  }
  for (const char* prefix : {"ESSDAI response (decrease of at least ", "ESSDAI decrease of at least "}) {
    const std::string p(prefix);
    if (text.rfind(p, 0) != 0) continue;
    std::string rest = text.substr(p.size());
    if (!rest.empty() && rest.back() == ')') rest.pop_back();
    const auto k = data::finite_number(rest);
    if (!k || *k < 1 || *k > 20 || *k != std::floor(*k)) return false;
    kind = PlaceboEndpoint::essdai_drop, level = static_cast<int>(*k);
    return true;
  }
  if (text == "ESSDAI change from baseline") {
    kind = PlaceboEndpoint::essdai_change, level = 0;
    return true;
  }
  return false;
}

}  // namespace

PlaceboRead read_placebo_arms(std::string_view text, const std::string& file) {
  PlaceboRead out;
  const std::vector<data::CsvRow> rows = data::rows_under_header(text, file, kHeader, out.error);
  if (!out.error.empty()) return out;
  std::set<std::string> ids;
  for (const data::CsvRow& r : rows) {
    const auto& f = r.fields;
    auto fail = [&](const char* column, const std::string& why) {
      out.error = Error{.message = std::string(column) + ": " + why, .file = file, .pos = {r.line, 0}, .field = column};
      return out;
    };
    PlaceboArm a;
    Target& tg = a.row;
    tg.line = r.line;
    tg.id = f[0], a.trial = f[1], tg.study = f[1], tg.disease = f[2], a.population = f[3], tg.regimen = f[4];
    tg.quantity = f[5], tg.statistic = f[7], a.region = f[11], a.background = f[12], a.note = f[13], tg.source = f[14];
    tg.arm = "placebo";
    if (tg.id.empty()) return fail("id", "empty");
    if (!ids.insert(tg.id).second) return fail("id", "\"" + tg.id + "\" appears twice");
    if (a.trial.empty()) return fail("trial", "empty");
    if (tg.disease != "SLE" && tg.disease != "pSS") return fail("disease", "\"" + tg.disease + "\": give SLE or pSS");
    if (!parse_endpoint(tg.quantity, a.endpoint, a.level))
      return fail("endpoint", "\"" + tg.quantity +
                                  "\" is not an endpoint il2trial knows (SRI-4 to SRI-8, modified SRI-4, SRI-S2K, ESSDAI "
                                  "response (decrease of at least K), ESSDAI decrease of at least K, ESSDAI change from "
                                  "baseline)");
    const bool sle_endpoint = a.endpoint == PlaceboEndpoint::sri || a.endpoint == PlaceboEndpoint::modified_sri ||
                              a.endpoint == PlaceboEndpoint::sri_s2k;
    if (sle_endpoint != (tg.disease == "SLE")) return fail("endpoint", "\"" + tg.quantity + "\" is not an endpoint of " + tg.disease);
    tg.week = data::finite_number(f[6]);
    if (!tg.week || *tg.week <= 0 || *tg.week > 520) return fail("week", "\"" + f[6] + "\" is not a week after baseline");
    const bool change = a.endpoint == PlaceboEndpoint::essdai_change;
    if (tg.statistic != (change ? "mean" : "proportion"))
      return fail("statistic", "\"" + tg.statistic + "\": " + tg.quantity + " is a " + (change ? "mean" : "proportion"));
    const auto v = data::finite_number(f[8]);
    if (!v) return fail("value", "\"" + f[8] + "\" is not a finite number");
    tg.value = *v;
    for (int k : {9, 10}) {
      if (f[k].empty()) continue;
      const auto n = data::finite_number(f[k]);
      if (!n || *n < 0 || *n > 100000 || *n != std::floor(*n))
        return fail(k == 9 ? "numerator" : "denominator", "\"" + f[k] + "\" is not a count of an arm's participants (0 to 100000)");
      (k == 9 ? tg.numerator : tg.denominator) = *n;
    }
    if (!change) {
      if (tg.value < 0 || tg.value > 1) return fail("value", "a proportion must lie in [0, 1], not " + f[8]);
      if (tg.denominator && *tg.denominator == 0) return fail("denominator", "0 participants");
      if (tg.numerator && tg.denominator) {
        if (*tg.numerator > *tg.denominator) return fail("numerator", f[9] + " of " + f[10] + " is not a proportion");
        if (std::fabs(*tg.numerator / *tg.denominator - tg.value) > 0.005) return fail("value", f[8] + " is not " + f[9] + "/" + f[10]);
      }
    }
    out.arms.push_back(std::move(a));
  }
  return out;
}

std::optional<std::string> placebo_measure(const PlaceboArm& a) {
  switch (a.endpoint) {
    case PlaceboEndpoint::sri: return "sri:" + std::to_string(a.level);
    case PlaceboEndpoint::essdai_drop: return "essdai_drop:" + std::to_string(a.level);
    case PlaceboEndpoint::modified_sri:
    case PlaceboEndpoint::sri_s2k:
    case PlaceboEndpoint::essdai_change: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace il2t::calibration
