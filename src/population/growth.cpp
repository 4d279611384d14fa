#include "population/growth.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

namespace il2t::population {

using model::BindLog;
using model::Parameter;
using model::ParameterSet;
using model::entry_error;
using model::name_error;

namespace {

struct Field {
  const char* suffix;
  double GrowthRow::*member;
};
constexpr Field kFields[] = {
    {"height", &GrowthRow::height},
    {"height_sd", &GrowthRow::height_sd},
    {"bmi", &GrowthRow::bmi},
    {"bmi_sd_log", &GrowthRow::bmi_sd_log},
};
constexpr std::size_t kFieldCount = std::size(kFields);

// "age_NN_<field>": the age and the field's index, or false.
bool parse_key(const std::string& key, int& age, std::size_t& field) {
  if (key.rfind("age_", 0) != 0) return false;
  const char* begin = key.data() + 4;
  const char* end = key.data() + key.size();
  const auto [next, ec] = std::from_chars(begin, end, age);
  if (ec != std::errc() || next == begin || next == end || *next != '_') return false;
  const std::string suffix(next + 1, end);
  for (std::size_t i = 0; i < kFieldCount; ++i)
    if (suffix == kFields[i].suffix) {
      field = i;
      return true;
    }
  return false;
}

// One sex's table, by age; the ages found are returned in `ages`.
std::vector<GrowthRow> bind_sex(const ParameterSet& set, const std::string& group, BindLog& log,
                                std::vector<int>& ages) {
  std::vector<Error>& errors = log.errors;
  std::map<int, std::pair<GrowthRow, std::array<const Parameter*, kFieldCount>>> rows;
  for (const Parameter* p : set.group(group)) {
    log.used.insert(p->name);
    int age = 0;
    std::size_t field = 0;
    if (!parse_key(p->name.substr(group.size() + 1), age, field)) {
      errors.push_back(entry_error(*p, "write age_<years>_<height|height_sd|bmi|bmi_sd_log>"));
      continue;
    }
    auto& [row, seen] = rows[age];
    row.*kFields[field].member = p->value;
    seen[field] = p;
    const bool spread = kFields[field].member == &GrowthRow::height_sd || kFields[field].member == &GrowthRow::bmi_sd_log;
    if (spread ? p->value < 0 : p->value <= 0)
      errors.push_back(entry_error(*p, spread ? "an SD must not be negative" : "must be above 0"));
  }
  std::vector<GrowthRow> out;
  if (rows.size() < 2) {
    errors.push_back(name_error(group, "[" + group + "] in models/*.toml: the growth reference needs at least two whole years"));
    return out;
  }
  int expected = rows.begin()->first;
  for (const auto& [age, entry] : rows) {
    const auto& [row, seen] = entry;
    const Parameter* first = nullptr;  // the year's first line in its file
    for (const Parameter* p : seen)
      if (p && (!first || p->line < first->line)) first = p;
    if (age != expected)
      errors.push_back(Error{.message = group + ": no year " + std::to_string(expected) + " before year " +
                                        std::to_string(age) + " (a gap)",
                             .file = first->file,
                             .pos = {first->line, 0},
                             .field = group});
    for (std::size_t i = 0; i < kFieldCount; ++i)
      if (!seen[i]) {
        char key[32];
        std::snprintf(key, sizeof key, "age_%02d_%s", age, kFields[i].suffix);
        errors.push_back(name_error(group + "." + key, "missing model parameter " + group + "." + key +
                                                            " (no models/*.toml file defines it)"));
      }
    ages.push_back(age);
    out.push_back(row);
    expected = age + 1;
  }
  return out;
}

GrowthRow mix(const GrowthRow& a, const GrowthRow& b, double f) {
  GrowthRow r;
  for (const Field& k : kFields) r.*k.member = a.*k.member + f * (b.*k.member - a.*k.member);
  return r;
}

}  // namespace

GrowthRow GrowthReference::at(bool female, double age_years) const {
  const std::vector<GrowthRow>& rows = female ? girls : boys;
  const double x = std::clamp(age_years - first_age, 0.0, static_cast<double>(rows.size() - 1));
  const auto i = std::min(static_cast<std::size_t>(x), rows.size() - 2);
  return mix(rows[i], rows[i + 1], x - static_cast<double>(i));
}

GrowthReference bind_growth(const ParameterSet& set, BindLog& log) {
  GrowthReference into;
  std::vector<Error>& errors = log.errors;
  std::vector<int> girl_ages, boy_ages;
  const std::size_t errors_before = errors.size();
  into.girls = bind_sex(set, "growth_girls", log, girl_ages);
  into.boys = bind_sex(set, "growth_boys", log, boy_ages);
  if (errors.size() != errors_before) return into;
  if (girl_ages != boy_ages)
    errors.push_back(name_error("growth_girls", "[growth_girls] and [growth_boys] in models/*.toml must give the same years (" +
                     std::to_string(girl_ages.front()) + "-" + std::to_string(girl_ages.back()) + " and " +
                     std::to_string(boy_ages.front()) + "-" + std::to_string(boy_ages.back()) + ")"));
  into.first_age = girl_ages.front();
  return into;
}

}  // namespace il2t::population
