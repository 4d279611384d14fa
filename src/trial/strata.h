#pragma once
// The protocol's stratification factors (randomisation.strata, protocol/strata.h) as a
// trial uses them: each factor's levels, the compiled rules that place a participant's
// record in a level (where the protocol gives them), and the strata as every
// combination of levels: a real allocation list has one list per stratum; a
// simulation stratifies by the factors whose rules a simulated participant's record
// decides, and says which it cannot.
#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/error.h"
#include "eligibility/expr.h"
#include "protocol/protocol.h"

namespace il2t::trial {

struct Factor {
  std::string name;
  std::vector<std::string> levels;       // empty: the protocol names the factor without levels
  std::vector<eligibility::Expr> rules;  // one per level, or none
};

struct Strata {
  std::vector<Factor> factors;  // in the protocol's order

  // Every combination of every factor's levels, the first factor varying slowest; 1
  // with no factor. Only for factors that all have levels.
  std::size_t count() const;
  std::vector<std::size_t> levels_of(std::size_t stratum) const;  // a level per factor
  std::string label(std::size_t stratum) const;  // "activity high, site a"; "all" with no factor
};

// The protocol's strata, each level's rule compiled. An entry that does not read or a
// rule that does not compile is an error naming the entry (validation reports them all).
Expected<Strata> read_strata(const protocol::Protocol& p);

// Every level rule that does not compile, as an error at randomisation.strata (the
// grammar of the entries is validation's, protocol/validate.h).
void check_strata_rules(const protocol::Protocol& p, Diagnostics& d);

// How a simulation stratifies: by the factors whose levels have rules, as each
// simulated participant's screening record places them. A participant whom no rule of
// a factor places (a value the record lacks) is allocated in a stratum of their own
// for that factor, and counted.
struct SimulatedStrata {
  std::vector<std::size_t> factors;  // indices into Strata::factors
  std::vector<std::size_t> radix;    // per simulated factor: its levels plus the one for "placed in none"
  std::size_t count = 1;             // the randomiser's strata
  // What the design does with the protocol's strata, for the simulation's output;
  // empty when the protocol declares none.
  std::string note;

  // The stratum of `r` (screened on day `as_of`); `placed` false when a factor's rules
  // did not place it. Allocates nothing.
  std::size_t stratum_of(const Strata& s, const eligibility::PatientRecord& r, std::int32_t as_of, bool& placed) const;
};

SimulatedStrata simulated_strata(const Strata& s);

}  // namespace il2t::trial
