#include "protocol/plausibility.h"

#include <array>
#include <cmath>
#include <span>

namespace il2t::protocol {

std::optional<std::string> unit_mismatch(const DrugInfo& drug, const units::Dose& dose) {
  using units::Base;
  Base b = dose.unit.base;
  if (b == Base::ml) {
    if (!dose.concentration) return std::nullopt;  // reported separately
    b = dose.concentration->unit;
  }
  if (units::is_activity(b) && !drug.by_activity) {
    return std::string(units::to_string(b)) + " is a unit of biological activity; " + std::string(drug.name) +
           " is dosed by mass (mg or µg)";
  }
  if (units::is_mass(b) && !drug.by_mass) {
    return std::string(drug.name) + " is dosed in IU, not by mass";
  }
  return std::nullopt;
}

namespace {
// x rounded to `digits` significant digits (for readable amounts that never print as 0).
double significant(double x, int digits) {
  if (x == 0 || !std::isfinite(x)) return x;
  const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(x)))));
  return std::round(x * scale) / scale;
}
}  // namespace

std::string describe(const DrugInfo& drug, double base_amount) {
  if (drug.by_activity) {
    if (base_amount >= 1e4) return units::format_number(significant(base_amount / 1e6, 5)) + " MIU";
    return units::format_number(significant(base_amount, 5)) + " IU";
  }
  if (base_amount < 0.1) return units::format_number(significant(base_amount * 1e3, 5)) + " µg";
  return units::format_number(significant(base_amount, 5)) + " mg";
}

namespace {

struct Slip {
  double factor;
  const char* explanation;
};

// Slips seen in registry text, tried in order; which apply depends on the unit written.
constexpr std::array<Slip, 2> kActivityUp = {{
    {1e4, "a lost \"万\" (10^4): \"100万 IU\" is 1 million IU"},
    {1e6, "MIU written as IU"},
}};
constexpr std::array<Slip, 1> kActivityDown = {{{1e-6, "IU written as MIU"}}};
constexpr std::array<Slip, 1> kMassUp = {{{1e3, "µg written for mg"}}};
constexpr std::array<Slip, 1> kMassDown = {{{1e-3, "mg written for µg"}}};

}  // namespace

std::optional<Implausible> check_dose(const DrugInfo& drug, const units::Amount& amount, units::Base written) {
  if (!drug.active) return std::nullopt;
  double x = amount.value;
  if (drug.by_activity && !amount.activity) x = amount.value * units::kAldesleukinIuPerMg;  // mg -> IU
  const std::string given = describe(drug, x);
  if (x >= drug.usual_min && x <= drug.usual_max) return std::nullopt;
  const std::string usual = describe(drug, drug.usual_min) + " to " + describe(drug, drug.usual_max);
  if (x >= drug.human_min && x <= drug.human_max) {
    return Implausible{false, given + " of " + std::string(drug.name) + " is outside the range of " +
                                  std::string(drug.usual_label) + " (" + usual + " a dose)"};
  }
  std::string msg = given + " of " + std::string(drug.name) + " is far " + (x < drug.human_min ? "below" : "above") +
                    " any dose given to people (" + describe(drug, drug.human_min) + " to " +
                    describe(drug, drug.human_max) + " a dose; " + std::string(drug.source) + ")";
  const bool low = x < drug.human_min;
  const std::span<const Slip> slips = units::is_activity(written) ? (low ? std::span<const Slip>(kActivityUp)
                                                                          : std::span<const Slip>(kActivityDown))
                                                                    : (low ? std::span<const Slip>(kMassUp)
                                                                           : std::span<const Slip>(kMassDown));
  for (const Slip& s : slips) {
    const double y = x * s.factor;
    if (y >= drug.usual_min && y <= drug.usual_max) {
      msg += "; the likely intended dose is " + describe(drug, y) + " (" + s.explanation + ")";
      break;
    }
  }
  return Implausible{true, msg};
}

}  // namespace il2t::protocol
