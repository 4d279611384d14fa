#include "model/parameter_set.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "data/sha256.h"

namespace il2t::model {

const Parameter* ParameterSet::find(std::string_view name) const {
  for (const Parameter& p : params_)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<const Parameter*> ParameterSet::group(std::string_view g) const {
  std::vector<const Parameter*> out;
  for (const Parameter& p : params_)
    if (p.name.size() > g.size() && p.name.compare(0, g.size(), g) == 0 && p.name[g.size()] == '.')
      out.push_back(&p);
  return out;
}

std::string ParameterSet::closest(std::string_view name) const {
  std::vector<std::string_view> names;
  for (const Parameter& p : params_) names.push_back(p.name);
  return closest_match(name, names, 4);
}

std::string ParameterSet::fingerprint(const std::vector<std::string>& except) const {
  std::ostringstream text;
  text.precision(17);
  for (const Parameter& p : params_)
    if (std::find(except.begin(), except.end(), p.name) == except.end()) text << p.name << '=' << p.value << '\n';
  return data::sha256_hex(text.str());
}

std::string ParameterSet::fingerprint_for_posterior(std::vector<std::string> except) const {
  for (const Parameter& p : params_)
    for (std::string_view g : kObservationOnlyGroups)
      if (p.name.size() > g.size() && p.name.compare(0, g.size(), g) == 0 && p.name[g.size()] == '.') except.push_back(p.name);
  return fingerprint(except);
}

std::optional<std::string> ParameterSet::set(std::string_view name, double value) {
  for (Parameter& p : params_) {
    if (p.name != name) continue;
    std::ostringstream why;
    if (!std::isfinite(value)) {
      why << p.name << ": " << value << " is not a finite number";
      return why.str();
    }
    if ((p.min && value < *p.min) || (p.max && value > *p.max)) {
      why << p.name << ": " << value << " is outside its range " << (p.min ? *p.min : -INFINITY) << " to "
          << (p.max ? *p.max : INFINITY) << (p.unit.empty() || p.unit == "1" ? "" : " " + p.unit)
          << " (" << p.file << ":" << p.line << ")";
      return why.str();
    }
    p.value = value;
    p.overridden = true;
    return std::nullopt;
  }
  std::string msg = std::string(name) + ": no such model parameter";
  const std::string c = closest(name);
  if (!c.empty()) msg += " (did you mean `" + c + "`?)";
  return msg;
}

namespace {

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

std::optional<double> number(const toml::node* n) {
  if (!n) return std::nullopt;
  if (auto v = n->value<double>()) return *v;
  return std::nullopt;
}

void error(std::vector<Diagnostic>& out, const std::string& file, int line, std::string msg) {
  out.push_back({.message = std::move(msg), .file = file, .pos = {line, 0}, .severity = Severity::error});
}

void read_entry(const std::string& file, const std::string& name, const toml::node& node, ParameterSet& into,
                std::vector<Diagnostic>& diags) {
  const int line = line_of(node);
  const toml::table* t = node.as_table();
  if (!t) {
    error(diags, file, line,
          name + ": write { value = ..., unit = \"...\", source = \"...\" } (or assumed = \"why\"), not a bare value");
    return;
  }
  static constexpr std::string_view kKeys[] = {"value", "unit", "source", "assumed", "note", "map", "min", "max"};
  bool ok = true;
  for (const auto& [k, v] : *t) {
    if (std::find(std::begin(kKeys), std::end(kKeys), k.str()) != std::end(kKeys)) continue;
    std::string msg = name + "." + std::string(k.str()) + ": unknown key";
    const std::string best = closest_match(k.str(), kKeys, 3);
    if (!best.empty()) msg += " (did you mean `" + std::string(best) + "`?)";
    error(diags, file, line_of(v), msg);
    ok = false;
  }
  Parameter p;
  p.name = name;
  p.file = file;
  p.line = line;
  const auto value = number(t->get("value"));
  if (!value) {
    error(diags, file, line, name + ".value: missing or not a number");
    ok = false;
  } else if (!std::isfinite(*value)) {
    error(diags, file, line, name + ".value: not a finite number");
    ok = false;
  } else {
    p.value = *value;
  }
  auto text = [&](std::string_view key, std::string* out) {
    if (const toml::node* n = t->get(key)) {
      if (auto s = n->value<std::string>()) *out = *s;
      else { error(diags, file, line_of(*n), name + "." + std::string(key) + ": must be text"); ok = false; }
    }
  };
  text("unit", &p.unit);
  if (!t->get("unit")) {
    error(diags, file, line, name + ".unit: missing (every model number carries its unit; \"1\" if it has none)");
    ok = false;
  }
  text("source", &p.source);
  text("assumed", &p.assumed);
  text("note", &p.note);
  text("map", &p.map);
  for (std::string_view key : {"min", "max"}) {
    if (const toml::node* n = t->get(key)) {
      auto v = number(n);
      if (!v) { error(diags, file, line_of(*n), name + "." + std::string(key) + ": must be a number"); ok = false; }
      else if (!std::isfinite(*v)) { error(diags, file, line_of(*n), name + "." + std::string(key) + ": must be finite"); ok = false; }
      (key == "min" ? p.min : p.max) = v;
    }
  }
  if (p.min && p.max && *p.min > *p.max) {
    error(diags, file, line, name + ": min is above max");
    ok = false;
  }
  if (p.source.empty() == p.assumed.empty()) {
    error(diags, file, line,
          name + ": give exactly one of `source` (a citation) or `assumed` (the reason there is none)");
    ok = false;
  }
  if (ok && ((p.min && p.value < *p.min) || (p.max && p.value > *p.max))) {
    error(diags, file, line, name + ": value is outside its own min/max");
    ok = false;
  }
  if (ok && into.find(name)) {
    const Parameter* first = into.find(name);
    error(diags, file, line, name + ": defined twice (first at " + first->file + ":" + std::to_string(first->line) + ")");
    ok = false;
  }
  if (ok) into.add(std::move(p));
}

}  // namespace

void parse_parameter_text(std::string_view text, const std::string& file, ParameterSet& into,
                          std::vector<Diagnostic>& diags) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    error(diags, file, static_cast<int>(e.source().begin.line), std::string(e.description()));
    return;
  }
  for (const auto& [gk, gv] : root) {
    const std::string group(gk.str());
    const toml::table* g = gv.as_table();
    if (g && g->contains("value")) {
      error(diags, file, line_of(gv), group + ": a parameter must sit under a [group] header");
      continue;
    }
    if (!g) {
      error(diags, file, line_of(gv), group + ": parameters live in tables ([group] then name = { ... })");
      continue;
    }
    for (const auto& [k, v] : *g) read_entry(file, group + "." + std::string(k.str()), v, into, diags);
  }
}

ParameterLoad load_parameter_files(const std::vector<std::string>& files) {
  ParameterLoad out;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      error(out.diagnostics, f, 0, "cannot read the parameter file");
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    parse_parameter_text(ss.str(), f, out.set, out.diagnostics);
  }
  return out;
}

ParameterLoad load_parameter_dir(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path().string());
  if (ec || files.empty()) {
    ParameterLoad out;
    error(out.diagnostics, dir, 0, ec ? "cannot list the model directory: " + ec.message()
                                      : "no parameter files (*.toml) in the model directory");
    return out;
  }
  std::sort(files.begin(), files.end());
  return load_parameter_files(files);
}

}  // namespace il2t::model
