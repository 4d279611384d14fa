#pragma once
// Dose plausibility: is a dose inside the range in which its drug has been given to
// people, and if not, what was probably meant (a lost "万" = 10^4, MIU written as IU,
// mg and µg confused)?
#include <optional>
#include <string>

#include "protocol/drugs.h"
#include "core/units.h"

namespace il2t::protocol {

// "IU" doses for a drug dosed by mass, or mass for one dosed by activity only:
// the message says why; nullopt when the unit fits the drug.
std::optional<std::string> unit_mismatch(const DrugInfo& drug, const units::Dose& dose);

// `amount` is absolute (IU or mg, as units::absolute gives it). Returns a message
// when the dose is outside the drug's human range (`far` = true) or outside its usual
// range (`far` = false), naming the likely intended dose where one fits.
struct Implausible {
  bool far = false;
  std::string message;
};
// `written` is the unit the dose was written in: the slips tried depend on it
// (a lost 万 or MIU/IU for activity units; µg/mg for mass units).
std::optional<Implausible> check_dose(const DrugInfo& drug, const units::Amount& amount, units::Base written);

// "1 MIU", "20000 IU", "0.5 mg": an amount in the drug's own unit.
std::string describe(const DrugInfo& drug, double base_amount);

}  // namespace il2t::protocol
