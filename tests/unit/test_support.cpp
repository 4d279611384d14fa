#include "test_support.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "protocol/validate.h"

namespace il2t::test {

std::string source_path(const std::string& relative) { return std::string(IL2T_SOURCE_DIR) + "/" + relative; }

const nlohmann::json& r_reference(const std::string& file) {
  static std::map<std::string, nlohmann::json> parsed;  // the tests run on one thread
  auto it = parsed.find(file);
  if (it == parsed.end()) {
    std::ifstream in(source_path("tests/reference/" + file));
    it = parsed.emplace(file, nlohmann::json::parse(in)).first;
  }
  return it->second;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> protocol_files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(source_path("protocols"))) {
    if (e.path().extension() == ".toml") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Checked check_text(const std::string& text, const std::string& name) {
  auto r = protocol::read_protocol_text(text, name);
  if (r.protocol && !r.diagnostics.has_errors()) protocol::validate(*r.protocol, r.diagnostics);
  r.diagnostics.sort_by_position();
  Checked c;
  c.protocol = r.protocol;
  for (const auto& d : r.diagnostics.items()) c.messages.push_back(format(d));
  c.ok = r.protocol.has_value() && !r.diagnostics.has_errors();
  return c;
}

protocol::Protocol shipped_protocol(const std::string& file) {
  Checked c = check_text(read_text(source_path("protocols/" + file)), file);
  if (!c.protocol) throw std::runtime_error(file + " does not read");
  return *c.protocol;
}

}  // namespace il2t::test
