#pragma once
// What `il2trial show` prints: a protocol laid out for people (text) and for
// programs (JSON): arms with expanded regimens and totals, visits, endpoints,
// eligibility counts, and the interpretations and assumptions.
#include <nlohmann/json.hpp>
#include <string>

#include "protocol/protocol.h"

namespace il2t::report {

struct InputProvenance {
  std::string file;
  std::string sha256;
};

std::string show_text(const protocol::Protocol& p, const InputProvenance& in);
nlohmann::ordered_json show_json(const protocol::Protocol& p, const InputProvenance& in);

}  // namespace il2t::report
