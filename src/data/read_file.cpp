#include "data/read_file.h"

#include <fstream>
#include <sstream>

namespace il2t::data {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace il2t::data
