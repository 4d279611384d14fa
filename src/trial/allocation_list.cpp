#include "trial/allocation_list.h"

#include "model/rng.h"
#include "trial/randomisation.h"

namespace il2t::trial {

std::uint64_t randomisation_number(std::size_t stratum, std::size_t sequence, std::size_t per_stratum) {
  std::uint64_t scale = 10;
  while (scale <= per_stratum) scale *= 10;
  return static_cast<std::uint64_t>(stratum + 1) * scale + sequence;
}

Expected<AllocationList> make_allocation_list(const protocol::Protocol& p, std::size_t n, std::uint64_t seed) {
  if (p.identity.design.value != "randomised")
    return Error{"identity.design: \"" + p.identity.design.value + "\": only a randomised trial has an allocation list"};
  if (n < 1 || n > kMaxListPlaces)
    return Error{"n: " + std::to_string(n) + " places per stratum: give 1 to " + std::to_string(kMaxListPlaces)};
  auto strata = read_strata(p);
  if (!strata) return strata.error();
  for (std::size_t k = 0; k < strata->factors.size(); ++k)
    if (strata->factors[k].levels.empty())
      return Error{"randomisation.strata[" + std::to_string(k) + "]: \"" + strata->factors[k].name +
                   "\" gives no levels: write them in the protocol (\"" + strata->factors[k].name + ": level, level\")"};
  auto made = Randomiser::make(p, strata->count());
  if (!made.randomiser) return made.error;
  Randomiser& r = *made.randomiser;
  AllocationList list;
  list.per_stratum = n;
  list.seed = seed;
  list.strata = std::move(*strata);
  const std::size_t count = list.strata.count();
  list.places.reserve(count * n);
  for (std::size_t s = 0; s < count; ++s) {
    model::Stream rng(seed, 0, s, model::Purpose::randomisation);
    for (std::size_t i = 1; i <= n; ++i) {
      const Randomiser::Allocation a = r.allocate(s, rng, n - i + 1);
      list.places.push_back({s, i, randomisation_number(s, i, n), a.block, a.block_size, a.arm});
    }
  }
  return list;
}

}  // namespace il2t::trial
