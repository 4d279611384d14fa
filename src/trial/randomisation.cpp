#include "trial/randomisation.h"

#include <cassert>
#include <cmath>
#include <numeric>

#include "core/units.h"

namespace il2t::trial {

Randomiser::Made Randomiser::make(const protocol::Protocol& p, std::size_t strata) {
  Made out;
  const std::string& m = p.randomisation.method.value;
  if (m != "permuted-blocks" && m != "simple") {
    out.error = "randomisation.method: \"" + m + "\" does not allocate participants to arms";
    return out;
  }
  if (p.arms.empty() || p.arms.size() > 255) {
    out.error = "arms: a randomised trial needs 1 to 255 arms";
    return out;
  }
  if (strata == 0) {
    out.error = "randomisation: at least one stratum";
    return out;
  }
  Randomiser r;
  r.method_ = m == "simple" ? Method::simple : Method::permuted_blocks;
  for (const protocol::Arm& a : p.arms) {
    const double ratio = a.ratio.value;
    if (!(ratio > 0) || !std::isfinite(ratio)) {
      out.error = "arms." + a.id + ".ratio: must be positive";
      return out;
    }
    if (r.method_ == Method::permuted_blocks && ratio != std::round(ratio)) {
      out.error = "arms." + a.id + ".ratio: permuted blocks need whole-number ratios, not " + units::format_number(ratio);
      return out;
    }
    r.ratios_.push_back(ratio);
  }
  if (r.method_ == Method::permuted_blocks) {
    const auto sum = static_cast<std::size_t>(std::accumulate(r.ratios_.begin(), r.ratios_.end(), 0.0));
    if (p.randomisation.block_sizes.value.empty()) {
      out.error = "randomisation.block_sizes: permuted blocks need at least one block size";
      return out;
    }
    for (std::int64_t s : p.randomisation.block_sizes.value) {
      if (s <= 0 || static_cast<std::size_t>(s) > kMaxBlockSize || static_cast<std::size_t>(s) % sum != 0) {
        out.error = "randomisation.block_sizes: " + std::to_string(s) + " is not a multiple of the ratios' sum (" +
                    std::to_string(sum) + ") up to " + std::to_string(kMaxBlockSize);
        return out;
      }
      r.sizes_.push_back(static_cast<std::size_t>(s));
    }
  }
  r.blocks_.resize(strata);
  out.randomiser = std::move(r);
  return out;
}

void Randomiser::refill(Block& b, model::Stream& rng, std::size_t places_left) const {
  // The sizes that fit the places left (all of them when none does, or none is given).
  std::array<std::size_t, kMaxBlockSize> fitting{};
  std::size_t count = 0;
  for (std::size_t s : sizes_)
    if (s <= places_left) fitting[count++] = s;
  if (count == 0) {
    for (std::size_t s : sizes_) fitting[count++] = s;
  }
  const std::size_t size = fitting[std::min(count - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(count)))];
  const double sum = std::accumulate(ratios_.begin(), ratios_.end(), 0.0);
  const auto per_unit = static_cast<std::size_t>(std::lround(static_cast<double>(size) / sum));
  std::size_t k = 0;
  for (std::size_t a = 0; a < ratios_.size(); ++a)
    for (std::size_t j = 0; j < per_unit * static_cast<std::size_t>(ratios_[a]); ++j) b.arm[k++] = static_cast<std::uint8_t>(a);
  // Fisher–Yates: every order of the block equally likely.
  for (std::size_t i = size - 1; i > 0; --i) {
    const auto j = std::min(i, static_cast<std::size_t>(rng.uniform() * static_cast<double>(i + 1)));
    std::swap(b.arm[i], b.arm[j]);
  }
  b.size = size;
  b.next = 0;
}

Randomiser::Allocation Randomiser::allocate(std::size_t stratum, model::Stream& rng, std::size_t places_left) {
  if (method_ == Method::simple) {
    const double sum = std::accumulate(ratios_.begin(), ratios_.end(), 0.0);
    double u = rng.uniform() * sum;
    for (std::size_t a = 0; a < ratios_.size(); ++a) {
      if (u < ratios_[a]) return {a, 0, 0};
      u -= ratios_[a];
    }
    return {ratios_.size() - 1, 0, 0};
  }
  assert(stratum < blocks_.size());
  Block& b = blocks_[stratum];
  if (b.next == b.size) {
    refill(b, rng, places_left);
    ++b.number;
  }
  return {b.arm[b.next++], b.number, b.size};
}

}  // namespace il2t::trial
