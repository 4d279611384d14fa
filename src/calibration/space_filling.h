#pragma once
// Space-filling designs for the emulator (emulator.h): a Latin hypercube in the unit
// cube, the best of several by the maximin criterion (the largest smallest distance
// between two points), from a stream keyed by seed and Purpose::design.
#include <cstdint>
#include <vector>

namespace il2t::calibration {

// `n` points in [0, 1]^dims, each a row of `dims` coordinates: every coordinate's n
// values fall one in each of n equal slices. The best of `candidates` hypercubes, drawn
// from streams keyed by (seed, key): a design per key (a calibration's waves).
std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed,
                                                 std::uint64_t key = 0, int candidates = 16);

}  // namespace il2t::calibration
