// Fuzz: random mutations of the shipped protocol files never crash the reader or the
// validator, and whatever reads without error also writes and reads back. The fast
// tier runs a few hundred mutations per file; FuzzLong runs many more.
#include <gtest/gtest.h>

#include <random>

#include "protocol/toml_writer.h"
#include "test_support.h"

namespace il2t::test {
namespace {

std::string mutate(std::string s, std::mt19937_64& rng) {
  static const std::vector<std::string> tokens = {"=", "[", "]", "{", "}", "\"", ",", "\n", "[[arms]]", "-1", "1e309",
                                                  "MIU", "every", "for", "then", ";", "0", "nan", "\\u00e9", "µ",
                                                  "\xff", "id = \"x\"", "week = 400", "3 cycles of 1 day"};
  std::uniform_int_distribution<int> op(0, 5);
  const int n = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < n && !s.empty(); ++k) {
    std::uniform_int_distribution<std::size_t> pos(0, s.size() - 1);
    const std::size_t at = pos(rng);
    switch (op(rng)) {
      case 0: s.erase(at, 1 + rng() % 8); break;                                  // delete bytes
      case 1: s.insert(at, tokens[rng() % tokens.size()]); break;                 // insert a token
      case 2: s[at] = static_cast<char>(rng() % 256); break;                      // flip a byte
      case 3: s.insert(at, s.substr(pos(rng), 1 + rng() % 40)); break;            // duplicate a span
      case 4: {                                                                   // swap two lines
        const auto a = s.rfind('\n', at), b = s.find('\n', at + 1);
        if (a != std::string::npos && b != std::string::npos) std::swap(s[a + 1], s[b - 1]);
        break;
      }
      default: s.resize(at); break;                                              // truncate
    }
  }
  return s;
}

void fuzz(int per_file, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  int read_ok = 0;
  for (const auto& f : protocol_files()) {
    const std::string original = read_text(f);
    for (int i = 0; i < per_file; ++i) {
      const std::string text = mutate(original, rng);
      const Checked c = check_text(text, "fuzz.toml");  // must not crash or throw
      if (c.ok) {
        ++read_ok;
        const Checked again = check_text(protocol::write_protocol_toml(*c.protocol), "fuzz-rewritten.toml");
        EXPECT_TRUE(again.ok) << "a valid mutation did not survive a round trip:\n" << text;
        if (again.protocol) {
          EXPECT_TRUE(*again.protocol == *c.protocol) << text;
        }
      }
    }
  }
  // Mutations that keep the file valid happen (e.g. in comments); the round trip was exercised.
  EXPECT_GT(read_ok, 0);
}

TEST(Fuzz, MutatedProtocolsNeverCrash) { fuzz(300, 20261122); }

TEST(FuzzLong, MutatedProtocolsNeverCrash) { fuzz(5000, 42); }

}  // namespace
}  // namespace il2t::test
