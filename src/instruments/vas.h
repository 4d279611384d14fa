#pragma once
// A visual analogue scale (patient's pain, patient's or physician's global, fatigue):
// a mark on a 10 cm line, recorded either in cm (0–10) or in mm (0–100). The unit is
// always explicit; the result is in cm. A mark off the line is impossible input.
#include <string>
#include <string_view>

#include "instruments/result.h"

namespace il2t::instruments {

enum class VasUnit { cm, mm };

// `item` names the scale in messages and errors, e.g. "patient_global".
// Errors: "VAS patient_global: -1 is outside 0–10 cm".
Scored<double> vas_cm(std::string_view item, double value, VasUnit unit);

// "cm" or "mm" (case-insensitive); other text is an error naming `item`.
Scored<VasUnit> parse_vas_unit(std::string_view item, std::string_view text);

}  // namespace il2t::instruments
