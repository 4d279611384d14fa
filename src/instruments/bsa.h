#pragma once
// Body-surface area for per-m² doses (steroid dose per m² in NCT04397107), computed by
// the project's one Mosteller formula (units::bsa_mosteller); this wrapper rejects
// weights and heights no person has, naming the item.
#include "instruments/result.h"

namespace il2t::instruments {

inline constexpr double kMinWeightKg = 0.3, kMaxWeightKg = 400.0;
inline constexpr double kMinHeightCm = 25.0, kMaxHeightCm = 260.0;

// m²; errors: "BSA weight_kg: 0 is outside 0.3–400 kg", "BSA height_cm: ... cm".
Scored<double> body_surface_area(double weight_kg, double height_cm);

}  // namespace il2t::instruments
