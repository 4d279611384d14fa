#pragma once
// CSV output (RFC 4180): fields quoted only when they must be.
#include <string>
#include <vector>

namespace il2t::data {

std::string csv_field(const std::string& s);
std::string csv_row(const std::vector<std::string>& fields);  // ends with "\n"

}  // namespace il2t::data
