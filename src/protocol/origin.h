#pragma once
// Where a fact in a protocol file comes from: the registry record (with its words),
// an interpretation (with the reason), or an assumption (with the reason).
// Fact<T> is a protocol value together with its origin and its place in the file.
#include <string>

#include "core/diagnostic.h"

namespace il2t::protocol {

enum class OriginKind { registry, interpreted, assumed };

struct Origin {
  OriginKind kind = OriginKind::registry;
  std::string words;   // the registry's own words, when quoted
  std::string reason;  // why: required for interpreted and assumed
  friend bool operator==(const Origin&, const Origin&) = default;
};

const char* to_string(OriginKind k);

template <typename T>
struct Fact {
  T value{};
  Origin origin;
  SourcePos pos;  // not part of equality: a fact is the same wherever it is written
  friend bool operator==(const Fact& a, const Fact& b) {
    return a.value == b.value && a.origin == b.origin;
  }
};

}  // namespace il2t::protocol
