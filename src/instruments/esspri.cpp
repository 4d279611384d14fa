#include "instruments/esspri.h"

#include <cmath>
#include <string>

#include "instruments/parse.h"

namespace il2t::instruments {

namespace {

Scored<double> scale(std::string_view id, double x) {
  const std::string label = "ESSPRI " + std::string(id);
  auto v = detail::in_range(id, label, x, 0.0, 10.0);
  if (!v) return v;
  if (*v != std::floor(*v)) {
    return fail(std::string(id), label + ": " + detail::number_text(x) + " is not a whole number");
  }
  return v;
}

}  // namespace

Scored<double> esspri(const EsspriInput& in) {
  const std::array<double, 3> xs{in.dryness, in.fatigue, in.pain};
  double sum = 0;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    auto v = scale(kEsspriItems[k], xs[k]);
    if (!v) return v;
    sum += *v;
  }
  return sum / 3.0;
}

Scored<double> esspri(const ItemValues& values) {
  auto texts = detail::match_items("ESSPRI", kEsspriItems, values);
  if (!texts) return texts.error();
  std::array<double, 3> xs{};
  for (std::size_t k = 0; k < xs.size(); ++k) {
    const auto x = detail::parse_number((*texts)[k]);
    if (!x) {
      const std::string id(kEsspriItems[k]);
      return fail(id, "ESSPRI " + id + ": \"" + (*texts)[k] + "\" is not a number");
    }
    xs[k] = *x;
  }
  return esspri(EsspriInput{xs[0], xs[1], xs[2]});
}

}  // namespace il2t::instruments
