#pragma once
// The drugs il2trial knows, and the dose ranges in which each has been given to
// people. Ranges are per dose, in IU (activity) or mg (mass); each carries its source.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace il2t::protocol {

struct DrugInfo {
  std::string_view id;            // "il2", "placebo", "sirolimus"
  std::string_view name;          // for messages
  std::span<const std::string_view> aliases;
  bool active = true;             // false for placebo: no dose
  bool by_activity = false;       // dosed in IU (also accepts mass, converted)
  bool by_mass = false;           // dosed in mg
  // Per dose, absolute (IU if by_activity else mg).
  double human_min = 0, human_max = 0;  // outside: never given to people
  double usual_min = 0, usual_max = 0;  // the range of this project's use
  std::string_view usual_label;         // e.g. "low-dose IL-2 in autoimmune disease"
  std::string_view source;
};

// Finds a drug by id or alias, case-insensitively.
const DrugInfo* find_drug(std::string_view name);
// "il2, placebo, sirolimus" for messages.
std::string known_drug_list();

}  // namespace il2t::protocol
