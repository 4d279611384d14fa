#pragma once
// Dose units and the conversions between them. Every conversion in il2trial lives
// here: IU <-> mass for aldesleukin, body-surface area (Mosteller), mass <-> volume
// through a stated concentration.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace il2t::units {

// Aldesleukin (Proleukin): 18 million IU per 1.1 mg of protein, so 16.36 MIU/mg
// (1 MIU = 61.1 µg). Source: Proleukin prescribing information (US label and UK SmPC),
// "each mL contains 18 million International Units (1.1 mg) aldesleukin".
inline constexpr double kAldesleukinIuPerMg = 18.0e6 / 1.1;

// Body-surface area by Mosteller: BSA (m²) = sqrt(height cm × weight kg / 3600).
// Source: Mosteller RD, N Engl J Med 1987;317:1098.
double bsa_mosteller(double weight_kg, double height_cm);

// What a dose amount measures.
enum class Base { iu, miu, mg, ug, ml };
// Scaling of a dose by body size.
enum class Per { none, kg, m2 };

struct DoseUnit {
  Base base = Base::mg;
  Per per = Per::none;
  friend bool operator==(const DoseUnit&, const DoseUnit&) = default;
};

// A concentration for a dose given as a volume: amount of `unit` per mL.
struct Concentration {
  double amount = 0;
  Base unit = Base::mg;  // mg, ug, iu or miu per mL
  friend bool operator==(const Concentration&, const Concentration&) = default;
};

struct Dose {
  double amount = 0;
  DoseUnit unit;
  std::optional<Concentration> concentration;  // only with Base::ml
  friend bool operator==(const Dose&, const Dose&) = default;
};

// Parses "IU", "MIU", "U/m2", "mg/kg", "µg", "mcg", "mL", "IU/m²", "million IU" ...
// Case-insensitive for the metric prefix letters where unambiguous.
std::optional<DoseUnit> parse_dose_unit(std::string_view text);
// Parses a concentration unit such as "mg/mL" or "MIU/mL".
std::optional<Base> parse_concentration_unit(std::string_view text);

std::string to_string(Base b);          // "IU", "MIU", "mg", "µg", "mL"
std::string to_string(const DoseUnit& u);  // "MIU/m²", "mg/kg", ...
std::string format_number(double x);    // shortest text that reads back to x
std::string to_string(const Dose& d);   // "0.5 mL of 1 mg/mL"

bool is_activity(Base b);  // IU, MIU
bool is_mass(Base b);      // mg, µg

// The size of the person a body-size-based dose is scaled to.
struct Body {
  std::optional<double> weight_kg;
  std::optional<double> height_cm;
};

// An absolute amount: IU for activity, mg for mass.
struct Amount {
  double value = 0;
  bool activity = false;  // true: IU; false: mg
};

// Resolves per-kg and per-m² scaling and volume × concentration. Fails (an Error
// saying why) when the body size needed is missing or a volume has no concentration.
Expected<Amount> absolute(const Dose& d, const Body& body);

// Amount of IL-2 in MIU: activity as is, mass through kAldesleukinIuPerMg.
double il2_miu(const Amount& a);

}  // namespace il2t::units
