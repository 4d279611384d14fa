#include "instruments/vas.h"

#include "instruments/parse.h"

namespace il2t::instruments {

Scored<double> vas_cm(std::string_view item, double value, VasUnit unit) {
  const std::string label = "VAS " + std::string(item);
  if (unit == VasUnit::mm) {
    auto mm = detail::in_range(item, label, value, 0.0, 100.0, " mm");
    if (!mm) return mm;
    return *mm / 10.0;
  }
  return detail::in_range(item, label, value, 0.0, 10.0, " cm");
}

Scored<VasUnit> parse_vas_unit(std::string_view item, std::string_view text) {
  const std::string t = detail::lower_trimmed(text);
  if (t == "cm") return VasUnit::cm;
  if (t == "mm") return VasUnit::mm;
  return fail(std::string(item), "VAS " + std::string(item) + ": unit \"" + std::string(text) +
                                     "\" is neither cm nor mm");
}

}  // namespace il2t::instruments
