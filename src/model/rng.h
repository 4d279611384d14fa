#pragma once
// Random streams keyed by (seed, replicate, participant, purpose): each key gives an
// independent xoshiro256** generator seeded through SplitMix64, so a participant's
// draws do not depend on which thread simulates it or on what others drew.
#include <cmath>
#include <cstdint>

namespace il2t::model {

enum class Purpose : std::uint64_t {
  variability = 1,   // inter-individual variability (etas)
  baseline = 2,      // baseline disease descriptors and their thresholds
  observation = 3,   // assay and rater error at visits
  infection = 4,
  flare = 5,
  reaction = 6,      // adverse reactions per injection
  population = 7,    // covariates of virtual patients (issue 6)
  trial = 8,         // randomisation, adherence, dropout (issue 6)
  allocation = 9,    // the clinician's choice of treatment where nothing is randomised
  treg_count = 10,   // assay error of the Treg count (its own stream: added later, it shifts no other draw)
  posterior = 11,    // which posterior parameter set a replicate trial takes (draws.h)
  trial_effect = 12, // the replicate trial's standard-of-care effect (trial_effect.h)
  design = 13,       // calibration: the space-filling design of the emulator
  mcmc = 14,         // calibration: the posterior sampler
  sbc = 15,          // calibration: simulation-based calibration's true parameters
  labs = 16,         // SLE serology: normal levels and assay error (its own stream: added later, it shifts no other draw)
  randomisation = 17,  // il2trial randomise: a real allocation list, one stream per stratum
  recruitment = 18,    // when each participant of a replicate trial is enrolled (trial/recruitment.h)
  assumed = 19,        // outcomes drawn from assumed rates or means instead of the model (trial/scenario.h)
};

class Stream {
 public:
  Stream(std::uint64_t seed, std::uint64_t replicate, std::uint64_t participant, Purpose purpose) {
    std::uint64_t z = splitmix(seed ^ 0x243f6a8885a308d3ULL);
    z = splitmix(z ^ replicate);
    z = splitmix(z ^ participant);
    z = splitmix(z ^ static_cast<std::uint64_t>(purpose));
    for (auto& w : s_) w = z = splitmix(z);
  }

  std::uint64_t next() {
    const std::uint64_t r = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return r;
  }
  // Uniform on (0, 1): never exactly 0 or 1.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  // Standard normal (Box–Muller; the second value is kept for the next call).
  double normal() {
    if (has_spare_) { has_spare_ = false; return spare_; }
    const double u1 = uniform(), u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2 * M_PI * u2);
    has_spare_ = true;
    return r * std::cos(2 * M_PI * u2);
  }
  bool bernoulli(double p) { return uniform() < p; }

 private:
  static std::uint64_t splitmix(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace il2t::model
