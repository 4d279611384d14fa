#pragma once
// ESSPRI, the EULAR Sjögren's syndrome patient reported index (Seror et al., Ann Rheum
// Dis 2011;70:968): the mean of three 0–10 numerical rating scales, dryness, fatigue
// and pain (limb pain). Each scale is a whole number from 0 to 10; the score is 0–10.
#include <array>
#include <string_view>

#include "instruments/items.h"
#include "instruments/result.h"

namespace il2t::instruments {

struct EsspriInput {
  double dryness = 0;
  double fatigue = 0;
  double pain = 0;
};

inline constexpr std::array<std::string_view, 3> kEsspriItems{"dryness", "fatigue", "pain"};

// Errors name the scale: "ESSPRI pain: 11 is outside 0–10",
// "ESSPRI fatigue: 5.5 is not a whole number".
Scored<double> esspri(const EsspriInput& in);
// By name: "dryness", "fatigue", "pain", each once.
Scored<double> esspri(const ItemValues& values);

}  // namespace il2t::instruments
