#include "cli/model_options.h"

#include <charconv>
#include <iostream>

#include "trial/assumptions.h"

namespace il2t::cli {

std::optional<std::uint64_t> parse_seed(const std::string& t, const char* cmd) {
  std::uint64_t seed = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), seed);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) {
    std::cerr << cmd << ": error: --seed " << t << ": give a whole number from 0 to 18446744073709551615\n";
    return std::nullopt;
  }
  return seed;
}

std::optional<std::vector<std::pair<std::string, double>>> parse_sets(const std::vector<std::string>& sets, const char* cmd) {
  std::vector<std::pair<std::string, double>> out;
  for (const std::string& s : sets) {
    const auto eq = s.find('=');
    double d = 0;
    const std::string v = eq == std::string::npos ? std::string() : s.substr(eq + 1);
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (eq == std::string::npos || eq == 0 || v.empty() || ec != std::errc() || ptr != v.data() + v.size()) {
      std::cerr << cmd << ": error: --set " << s << ": write name=value with a number (e.g. il2_pk.bioavailability=0.4)\n";
      return std::nullopt;
    }
    out.emplace_back(s.substr(0, eq), d);
  }
  return out;
}

void print_errors(const std::vector<Error>& errors, const char* cmd) {
  for (const Error& e : errors) std::cerr << (e.file.empty() ? std::string(cmd) + ": " : std::string()) << format(e) << "\n";
}

std::optional<model::Model> load_model_reporting(const std::string& dir,
                                                 const std::vector<std::pair<std::string, double>>& overrides,
                                                 const char* cmd) {
  model::ModelLoad ml = trial::load_checked_model(dir, overrides);
  if (!ml.model) {
    print_errors(ml.errors, cmd);
    return std::nullopt;
  }
  return std::move(ml.model);
}

}  // namespace il2t::cli
