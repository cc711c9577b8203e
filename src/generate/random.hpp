// The generator's random numbers: the same seed gives the same numbers on every
// platform and compiler. std:: distributions are not used because their algorithms
// are implementation-defined; every distribution here is written out.
//
// Generator: xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom
// number generators", 2018), seeded through splitmix64 (Steele, Lea and Flood, 2014)
// as its authors recommend.
#pragma once
#include <cmath>
#include <cstdint>

namespace ringfence::gen {

inline constexpr double kPi = 3.14159265358979323846;
// (sqrt(5) - 1) / 2: successive multiples modulo 1 spread as evenly as any sequence can
// (a Kronecker / golden-ratio sequence), used for stratified choices.
inline constexpr double kGolden = 0.61803398874989484820;

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The fractional part of x (x >= 0).
inline double frac(double x) {
  return x - std::floor(x);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (auto& word : s_) word = splitmix64(sm);
  }
  // An independent stream for one part of the work (e.g. operator 2, place 17), so
  // what one part draws never shifts another part's numbers.
  static Rng stream(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) {
    std::uint64_t sm = seed;
    std::uint64_t h = splitmix64(sm);
    for (std::uint64_t part : {a, b, c}) {
      std::uint64_t mix = h ^ (part * 0xd1b54a32d192ed03ULL);
      h = splitmix64(mix);
    }
    return Rng(h);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n); n > 0. The bias of the multiply-shift is below 2^-53.
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
  }
  bool chance(double p) { return uniform() < p; }
  // Standard normal (Box-Muller, one of the pair).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace ringfence::gen
