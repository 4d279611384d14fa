#pragma once
// The error the studies file's readers (studies.cpp, placebo_mapping.cpp) return.
#include <string>

#include <toml++/toml.h>

#include "core/error.h"

namespace il2t::calibration {

// An error in `field` at node n of `file`: text() "file:line: field: why".
inline Error at(const std::string& file, const toml::node& n, const std::string& field, const std::string& why) {
  return Error{.message = field + ": " + why,
               .file = file,
               .pos = {static_cast<int>(n.source().begin.line), 0},
               .field = field};
}

}  // namespace il2t::calibration
