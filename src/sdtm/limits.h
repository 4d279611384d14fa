#pragma once
// How much a reader of SDTM/ADaM files (XPT, Dataset-JSON) accepts before it gives up
// with an Error, so that a hostile or broken file cannot exhaust memory or the stack.
#include <cstddef>

namespace il2t::sdtm {

struct ReadLimits {
  std::size_t max_bytes = 2u << 30;    // the largest file or text read, in bytes (2 GiB)
  int max_depth = 64;                  // the deepest nesting of JSON arrays and objects
  std::size_t max_rows = 50'000'000;   // the most rows (records) one dataset may hold
  std::size_t max_columns = 10'000;    // the most variables (columns); SDTM datasets have under 100
};

}  // namespace il2t::sdtm
