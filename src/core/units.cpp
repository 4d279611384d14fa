#include "core/units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace il2t::units {

double bsa_mosteller(double weight_kg, double height_cm) {
  return std::sqrt(height_cm * weight_kg / 3600.0);
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<Base> parse_base(std::string_view raw) {
  const std::string s = lower(raw);
  if (s == "iu" || s == "u" || s == "unit" || s == "units") return Base::iu;
  if (s == "miu" || s == "mu" || s == "million iu" || s == "million units") return Base::miu;
  if (s == "mg") return Base::mg;
  if (s == "ug" || s == "µg" || s == "μg" || s == "mcg") return Base::ug;
  if (s == "ml") return Base::ml;
  return std::nullopt;
}

std::optional<Per> parse_per(std::string_view raw) {
  const std::string s = lower(raw);
  if (s == "kg") return Per::kg;
  if (s == "m2" || s == "m²" || s == "m^2") return Per::m2;
  return std::nullopt;
}

}  // namespace

std::optional<DoseUnit> parse_dose_unit(std::string_view text) {
  const auto slash = text.find('/');
  const auto base = parse_base(text.substr(0, slash));
  if (!base) return std::nullopt;
  if (slash == std::string_view::npos) return DoseUnit{*base, Per::none};
  const auto per = parse_per(text.substr(slash + 1));
  if (!per || *base == Base::ml) return std::nullopt;
  return DoseUnit{*base, *per};
}

std::optional<Base> parse_concentration_unit(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos || lower(text.substr(slash + 1)) != "ml") return std::nullopt;
  const auto base = parse_base(text.substr(0, slash));
  if (!base || *base == Base::ml) return std::nullopt;
  return base;
}

std::string to_string(Base b) {
  switch (b) {
    case Base::iu: return "IU";
    case Base::miu: return "MIU";
    case Base::mg: return "mg";
    case Base::ug: return "µg";
    case Base::ml: return "mL";
  }
  return "?";
}

std::string to_string(const DoseUnit& u) {
  std::string s = to_string(u.base);
  if (u.per == Per::kg) s += "/kg";
  if (u.per == Per::m2) s += "/m²";
  return s;
}

std::string format_number(double x) {
  std::array<char, 400> buf{};  // fixed notation of any double fits
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed);
  return std::string(buf.data(), r.ptr);
}

std::string to_string(const Dose& d) {
  std::string s = format_number(d.amount) + " " + to_string(d.unit);
  if (d.concentration) {
    s += " of " + format_number(d.concentration->amount) + " " +
         to_string(d.concentration->unit) + "/mL";
  }
  return s;
}

bool is_activity(Base b) { return b == Base::iu || b == Base::miu; }
bool is_mass(Base b) { return b == Base::mg || b == Base::ug; }

namespace {
Amount base_amount(double value, Base b) {
  switch (b) {
    case Base::iu: return {value, true};
    case Base::miu: return {value * 1e6, true};
    case Base::mg: return {value, false};
    case Base::ug: return {value / 1000.0, false};
    case Base::ml: break;
  }
  return {value, false};
}
}  // namespace

Expected<Amount> absolute(const Dose& d, const Body& body) {
  double scale = 1.0;
  if (d.unit.per == Per::kg) {
    if (!body.weight_kg) return Error{.message = "the dose is per kg of body weight: a weight is needed"};
    scale = *body.weight_kg;
  } else if (d.unit.per == Per::m2) {
    if (!body.weight_kg || !body.height_cm)
      return Error{.message = "the dose is per m² of body-surface area: a weight and a height are needed"};
    scale = bsa_mosteller(*body.weight_kg, *body.height_cm);
  }
  if (d.unit.base == Base::ml) {
    if (!d.concentration) return Error{.message = "the dose is a volume without a concentration"};
    return base_amount(d.amount * scale * d.concentration->amount, d.concentration->unit);
  }
  return base_amount(d.amount * scale, d.unit.base);
}

double il2_miu(const Amount& a) {
  return a.activity ? a.value / 1e6 : a.value * kAldesleukinIuPerMg / 1e6;
}

}  // namespace il2t::units
