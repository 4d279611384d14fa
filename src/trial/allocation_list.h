#pragma once
// A randomisation list for real participants: for every stratum (every combination of
// the protocol's stratification factors' levels) a full list of N places in order,
// each with its randomisation number, its permuted block and its arm, made by the
// simulator's own Randomiser. Stratum s draws from the stream (seed, 0, s,
// Purpose::randomisation), so the strata are independent lists and the same protocol,
// seed and N give the same list.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "protocol/protocol.h"
#include "trial/strata.h"

namespace il2t::trial {

inline constexpr std::size_t kMaxListPlaces = 100000;  // per stratum

struct ListPlace {
  std::size_t stratum = 0;     // from 0 (Strata::levels_of gives its levels)
  std::size_t sequence = 0;    // from 1, within the stratum
  std::uint64_t number = 0;    // the randomisation number: unique in the list
  std::size_t block = 0;       // from 1, within the stratum; 0 for simple randomisation
  std::size_t block_size = 0;  // 0 for simple randomisation
  std::size_t arm = 0;         // index into the protocol's arms
};

struct AllocationList {
  Strata strata;
  std::size_t per_stratum = 0;
  std::uint64_t seed = 0;
  std::vector<ListPlace> places;  // stratum by stratum, each in sequence
};

// The randomisation number of a place: the stratum (from 1) followed by the sequence,
// padded to N's digits (stratum 2, place 7 of 40: 207).
std::uint64_t randomisation_number(std::size_t stratum, std::size_t sequence, std::size_t per_stratum);

// The list of `n` places per stratum. A protocol that is not randomised, a factor
// without levels, or n outside 1..kMaxListPlaces is an error naming the field.
Expected<AllocationList> make_allocation_list(const protocol::Protocol& p, std::size_t n, std::uint64_t seed);

}  // namespace il2t::trial
