#include "instruments/bsa.h"

#include "instruments/parse.h"
#include "core/units.h"

namespace il2t::instruments {

Scored<double> body_surface_area(double weight_kg, double height_cm) {
  auto w = detail::in_range("weight_kg", "BSA weight_kg", weight_kg, kMinWeightKg, kMaxWeightKg, " kg");
  if (!w) return w;
  auto h = detail::in_range("height_cm", "BSA height_cm", height_cm, kMinHeightCm, kMaxHeightCm, " cm");
  if (!h) return h;
  return units::bsa_mosteller(*w, *h);
}

}  // namespace il2t::instruments
