#include "calibration/targets.h"

#include <charconv>
#include <cmath>
#include <set>

#include "data/csv_read.h"

namespace il2t::calibration {

namespace {

const std::vector<std::string> kHeader = {"id",        "study", "registry",  "disease",   "regimen",
                                          "arm",       "quantity", "week",   "statistic", "value",
                                          "numerator", "denominator", "spread", "source"};
const std::set<std::string> kStatistics = {"proportion", "median", "mean", "fold", "fold_minus_1",
                                           "dose",       "range",  "rate"};

}  // namespace

TargetsRead read_targets(std::string_view text, const std::string& file) {
  TargetsRead out;
  const std::vector<data::CsvRow> rows = data::rows_under_header(text, file, kHeader, out.error);
  if (!out.error.empty()) return out;
  std::set<std::string> ids;
  for (const data::CsvRow& row : rows) {
    const auto& f = row.fields;
    auto fail = [&](const char* column, const std::string& why) {
      out.error = Error{.message = std::string(column) + ": " + why, .file = file, .pos = {row.line, 0}, .field = column};
      return out;
    };
    Target tg;
    tg.line = row.line;
    tg.id = f[0], tg.study = f[1], tg.registry = f[2], tg.disease = f[3], tg.regimen = f[4], tg.arm = f[5];
    tg.quantity = f[6], tg.statistic = f[8], tg.spread = f[12], tg.source = f[13];
    if (tg.id.empty()) return fail("id", "empty");
    if (!ids.insert(tg.id).second) return fail("id", "\"" + tg.id + "\" appears twice");
    if (!f[7].empty()) {
      tg.week = data::finite_number(f[7]);
      if (!tg.week || *tg.week < 0) return fail("week", "\"" + f[7] + "\" is not a week (a number, 0 or more)");
    }
    if (!kStatistics.count(tg.statistic)) return fail("statistic", "\"" + tg.statistic + "\" is not one of proportion, median, mean, fold, fold_minus_1, dose, range, rate");
    const auto v = data::finite_number(f[9]);
    if (!v) return fail("value", "\"" + f[9] + "\" is not a finite number");
    tg.value = *v;
    for (int k : {10, 11}) {
      if (f[k].empty()) continue;
      const auto n = data::finite_number(f[k]);
      if (!n || *n < 0 || *n != std::floor(*n)) return fail(k == 10 ? "numerator" : "denominator", "\"" + f[k] + "\" is not a count");
      (k == 10 ? tg.numerator : tg.denominator) = *n;
    }
    if (tg.statistic == "proportion") {
      if (tg.value < 0 || tg.value > 1) return fail("value", "a proportion must lie in [0, 1], not " + f[9]);
      if (tg.numerator && !tg.denominator) return fail("denominator", "a numerator needs its denominator");
      if (tg.numerator && tg.denominator) {
        if (*tg.denominator == 0 || *tg.numerator > *tg.denominator)
          return fail("numerator", f[10] + " of " + f[11] + " is not a proportion");
        if (std::fabs(*tg.numerator / *tg.denominator - tg.value) > 0.005)
          return fail("value", f[9] + " is not " + f[10] + "/" + f[11]);
      }
    }
    out.targets.push_back(std::move(tg));
  }
  return out;
}

}  // namespace il2t::calibration
