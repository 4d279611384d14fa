#include "calibration/fit_file.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <regex>
#include <sstream>

#include "data/atomic_file.h"
#include "data/read_file.h"

namespace il2t::calibration {

namespace {

std::string quoted(const std::string& s) {
  std::string o = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') o += '\\';
    o += ch;
  }
  return o + "\"";
}

// A TOML float: shortest round-trip text, always with a decimal point or exponent.
std::string num(double v) {
  if (!std::isfinite(v)) return "nan";
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

// Four significant digits, for a parameter file a person reads.
std::string short_num(double v) {
  std::string s = fmt::format("{:.4g}", v);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string fit_file_text(const FitRecord& r) {
  std::string o;
  o += "# Written by il2trial calibrate: the values of the free parameters that minimise the\n";
  o += "# distance (src/calibration/objective.h) between the model and the calibration targets,\n";
  o += "# plus the penalty of any goal for an expected value (src/calibration/goal.h).\n";
  o += "# Reproduce with the command below, from the source tree.\n";
  o += "[fit]\n";
  o += "program = " + quoted(r.program) + "\n";
  o += "command = " + quoted(r.command) + "\n";
  o += "targets = " + quoted(r.targets_file) + "\n";
  o += "targets_sha256 = " + quoted(r.targets_sha256) + "\n";
  o += "studies = " + quoted(r.studies_file) + "\n";
  o += "studies_sha256 = " + quoted(r.studies_sha256) + "\n";
  o += "free = " + quoted(r.free_file) + "\n";
  o += "free_sha256 = " + quoted(r.free_sha256) + "\n";
  o += "base_parameters_sha256 = " + quoted(r.base_fingerprint) + "\n";
  o += fmt::format("seed = {}\nreplicates = {}\n", r.seed, r.replicates);
  o += "algorithm = " + quoted(kFitAlgorithm) + "\n";
  o += fmt::format("evaluations = {}\n", r.result.evaluations);
  o += "stop = " + quoted(r.result.evaluations > 0 ? r.result.stop_reason : "no fit run") + "\n";
  o += "initial_objective = " + num(r.result.initial_value) + "\n";
  o += "objective = " + num(r.final_objective) + "\n";
  o += "likelihood = " + num(r.terms.likelihood) + "\n";
  o += "goal_penalty = " + num(r.terms.goal_penalty) + "\n";
  o += fmt::format("inside = {}\nsimulated = {}\n", r.inside, r.simulated);
  o += "\n# Each target's distance at the fitted values (binomial deviance half, or half the squared\n# standardised difference on the normal or log scale).\n[distance]\n";
  for (const Term& t : r.terms.terms) o += quoted(t.id) + " = " + num(t.value) + "\n";
  std::string goals;
  for (const Term& t : r.terms.terms)
    if (const auto& g = t.goal)
      goals += quoted(t.id) + " = { published = " + num(g->published) + ", within = " + num(g->within) + ", expected = " +
               num(g->expected) + ", mc_se = " + num(g->mc_se) + ", met = " + (g->met ? "true" : "false") +
               ", penalty = " + num(g->penalty) + " }\n";
  if (!goals.empty())
    o += "\n# Each goal for an expected value (src/calibration/goal.h) at the fitted values, with the\n# fit's replicates.\n[goal]\n" + goals;
  for (std::size_t i = 0; i < r.free.size(); ++i) {
    const FreeParameter& p = r.free[i];
    o += "\n[parameter." + quoted(p.name) + "]\n";
    o += "value = " + num(r.result.best[i]) + "\n";
    o += "initial = " + num(r.result.initial[i]) + "\n";
    o += "lower = " + num(p.lower) + "\nupper = " + num(p.upper) + "\n";
    o += std::string("scale = ") + (p.log_scale ? "\"log\"" : "\"linear\"") + "\n";
    o += std::string("fitted = ") + (p.fit ? "true" : "false") + "\n";
    for (const auto& s : r.sensitivity.rows) {
      if (s.name != p.name) continue;
      o += "sensitivity = { verdict = " + quoted(s.verdict) + ", curvature = " + num(s.curvature) +
           ", lower95 = " + num(s.lower) + ", upper95 = " + num(s.upper) + " }\n";
    }
  }
  return o;
}

std::string sensitivity_markdown(const SensitivityResult& s) {
  std::string o = fmt::format("Objective at the centre: {:.2f}\n\n", s.centre);
  o += "| parameter | fitted | value | objective at −h / +h | approx. 95% interval | verdict | targets moved most |\n";
  o += "|---|---|---|---|---|---|---|\n";
  for (const auto& r : s.rows) {
    std::string drivers;
    for (const auto& d : r.drivers) drivers += (drivers.empty() ? "" : ", ") + d;
    const std::string interval =
        std::isfinite(r.lower) ? fmt::format("{:.4g} – {:.4g}", r.lower, r.upper) : std::string("—");
    o += fmt::format("| `{}` | {} | {:.4g} | {:.2f} / {:.2f} | {} | {} | {} |\n", r.name, r.fitted ? "yes" : "no",
                     r.value, r.f_minus, r.f_plus, interval, r.verdict, drivers.empty() ? "—" : drivers);
  }
  return o;
}

std::string update_parameter_files(const model::ParameterSet& set, const std::vector<std::pair<std::string, double>>& values) {
  std::map<std::string, std::vector<std::pair<int, double>>> by_file;
  for (const auto& [name, v] : values) {
    const model::Parameter* p = set.find(name);
    if (!p) return name + ": not a model parameter";
    by_file[p->file].emplace_back(p->line, v);
  }
  const std::regex value_re(R"((\bvalue\s*=\s*)([-+0-9.eE]+|inf|nan))");
  for (const auto& [file, edits] : by_file) {
    auto text = data::read_file(file);
    if (!text) return file + ": cannot read";
    std::vector<std::string> lines;
    std::istringstream in(*text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    for (const auto& [line, v] : edits) {
      if (line < 1 || static_cast<std::size_t>(line) > lines.size()) return fmt::format("{}:{}: no such line", file, line);
      std::string& l = lines[static_cast<std::size_t>(line - 1)];
      std::smatch m;
      if (!std::regex_search(l, m, value_re)) return fmt::format("{}:{}: no `value = <number>` on the line", file, line);
      l = m.prefix().str() + m[1].str() + short_num(v) + m.suffix().str();
    }
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    if (auto err = data::write_file_atomically(file, out); !err.empty()) return file + ": " + err;
  }
  return {};
}

}  // namespace il2t::calibration
