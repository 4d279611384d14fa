#pragma once
// Allocation of participants to arms as a protocol's [randomisation] says: permuted
// blocks (block sizes drawn from the protocol's list, each block holding every arm in
// its allocation ratio, in random order), or simple randomisation (each participant
// drawn independently with probability proportional to the ratio), separately within
// each stratum. Draws come from the caller's stream, so a trial's allocation is fixed
// by its keys. After construction, assigning allocates nothing.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/rng.h"
#include "protocol/protocol.h"

namespace il2t::trial {

inline constexpr std::size_t kMaxBlockSize = 64;

class Randomiser {
 public:
  enum class Method { permuted_blocks, simple };

  struct Made;
  // Reads the protocol's method, block sizes and arm ratios. A non-randomised
  // protocol, a ratio that is not a positive whole number (for blocks), or a block size
  // that is not a multiple of the ratios' sum is an error naming the field.
  static Made make(const protocol::Protocol& p, std::size_t strata = 1);

  // The arm (index into the protocol's arms) of the next participant in `stratum`
  // (0 ≤ stratum < the strata given to make()). `places_left` (this participant
  // included), when given, restricts a new block to the sizes that fit, as a
  // randomisation list made for a fixed target size does: a trial whose size is a
  // multiple of a block size then ends on a whole block, with the ratio kept exactly.
  std::size_t assign(std::size_t stratum, model::Stream& rng, std::size_t places_left = SIZE_MAX) {
    return allocate(stratum, rng, places_left).arm;
  }

  // The same, with the permuted block the place falls in (an allocation list shows it).
  struct Allocation {
    std::size_t arm = 0;
    std::size_t block = 0;       // the stratum's blocks counted from 1; 0 for simple randomisation
    std::size_t block_size = 0;  // 0 for simple randomisation
  };
  Allocation allocate(std::size_t stratum, model::Stream& rng, std::size_t places_left = SIZE_MAX);

  Method method() const { return method_; }
  std::size_t arms() const { return ratios_.size(); }

 private:
  struct Block {
    std::array<std::uint8_t, kMaxBlockSize> arm{};
    std::size_t size = 0, next = 0;
    std::size_t number = 0;  // blocks begun in the stratum
  };
  void refill(Block& b, model::Stream& rng, std::size_t places_left) const;

  Method method_ = Method::simple;
  std::vector<double> ratios_;        // per arm
  std::vector<std::size_t> sizes_;    // permuted blocks: the block sizes to draw from
  std::vector<Block> blocks_;         // per stratum
};

struct Randomiser::Made {
  std::optional<Randomiser> randomiser;
  Error error;  // "randomisation.block_sizes: ..." when there is none
};

}  // namespace il2t::trial
