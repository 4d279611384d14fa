#include "protocol/toml_values.h"

#include <algorithm>
#include <cmath>

namespace il2t::protocol::detail {

SourcePos pos_of(const toml::node& n) {
  const auto& b = n.source().begin;
  return {static_cast<int>(b.line), static_cast<int>(b.column)};
}

namespace {

const char* type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return "a date or time";
    default: return "nothing";
  }
}

}  // namespace

void ValueReader::check_keys(const toml::table& t, const std::string& path,
                             std::initializer_list<std::string_view> allowed) {
  for (const auto& [k, v] : t) {
    const std::string_view key = k.str();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string msg = (path.empty() ? "" : path + ".") + std::string(key) + ": unknown key";
    const std::string best = closest_match(key, allowed, 3);
    if (!best.empty()) msg += " (did you mean `" + std::string(best) + "`?)";
    const auto& b = k.source().begin;
    SourcePos p = b.line > 0 ? SourcePos{static_cast<int>(b.line), static_cast<int>(b.column)} : pos_of(v);
    diag_.error(p, msg);
  }
}

std::optional<Origin> ValueReader::origin_keys(const toml::table& t, const std::string& path,
                                               bool value_table) {
  Origin o;
  auto text = [&](std::string_view key, std::string* out) -> bool {
    const toml::node* n = t.get(key);
    if (!n) return false;
    const std::string where = path + "." + std::string(key);
    if (!n->is_string()) {
      diag_.error(pos_of(*n), where + ": expected a string, got " + type_name(*n));
      return false;
    }
    *out = n->as_string()->get();
    if (key != "registry" && out->find_first_not_of(" \t") == std::string::npos) {
      diag_.error(pos_of(*n), where + ": give the reason (it is empty)");
    }
    return true;
  };
  std::string interp, assumed;
  text("registry", &o.words);
  const bool has_i = text("interpreted", &interp);
  const bool has_a = text("assumed", &assumed);
  if (has_i && has_a) {
    diag_.error(pos_of(*t.get("assumed")),
                path + ": a fact is either interpreted or assumed, not both");
    return std::nullopt;
  }
  if (has_i) { o.kind = OriginKind::interpreted; o.reason = interp; }
  if (has_a) { o.kind = OriginKind::assumed; o.reason = assumed; }
  if (value_table && !has_i && !has_a && o.words.empty() && !t.get("registry")) {
    diag_.error(pos_of(t), path + ": a value table needs `registry`, `interpreted` or `assumed`");
    return std::nullopt;
  }
  return o;
}

Origin ValueReader::object_origin(const toml::table& t, const std::string& path) {
  return origin_keys(t, path, false).value_or(Origin{});
}

std::optional<std::string> ValueReader::string(const toml::table& t, const std::string& path,
                                               std::string_view key, bool required) {
  const std::string where = path.empty() ? std::string(key) : path + "." + std::string(key);
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) diag_.error(pos_of(t), where + ": missing (required)");
    return std::nullopt;
  }
  std::string s;
  if (!convert(*n, where, &s)) return std::nullopt;
  return s;
}

bool ValueReader::convert(const toml::node& n, const std::string& where, std::string* out) {
  if (!n.is_string()) {
    diag_.error(pos_of(n), where + ": expected a string, got " + type_name(n));
    return false;
  }
  *out = n.as_string()->get();
  if (out->find_first_not_of(" \t\r\n") == std::string::npos) {
    diag_.error(pos_of(n), where + ": is empty");
    return false;
  }
  return true;
}

bool ValueReader::convert(const toml::node& n, const std::string& where, double* out) {
  if (auto i = n.as_integer()) {
    *out = static_cast<double>(i->get());
    return true;
  }
  if (auto f = n.as_floating_point()) {
    if (!std::isfinite(f->get())) {
      diag_.error(pos_of(n), where + ": must be a finite number");
      return false;
    }
    *out = f->get();
    return true;
  }
  diag_.error(pos_of(n), where + ": expected a number, got " + type_name(n));
  return false;
}

bool ValueReader::convert(const toml::node& n, const std::string& where, std::int64_t* out) {
  if (auto i = n.as_integer()) {
    *out = i->get();
    return true;
  }
  diag_.error(pos_of(n), where + ": expected an integer, got " + type_name(n));
  return false;
}

bool ValueReader::convert(const toml::node& n, const std::string& where, bool* out) {
  if (auto b = n.as_boolean()) {
    *out = b->get();
    return true;
  }
  diag_.error(pos_of(n), where + ": expected true or false, got " + type_name(n));
  return false;
}

bool ValueReader::convert(const toml::node& n, const std::string& where, Strings* out) {
  const toml::array* a = n.as_array();
  if (!a) {
    diag_.error(pos_of(n), where + ": expected an array of strings, got " + type_name(n));
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    std::string s;
    if (convert(*a->get(i), where + "[" + std::to_string(i) + "]", &s)) out->push_back(s);
    else ok = false;
  }
  return ok;
}

bool ValueReader::convert(const toml::node& n, const std::string& where, std::vector<std::int64_t>* out) {
  const toml::array* a = n.as_array();
  if (!a) {
    diag_.error(pos_of(n), where + ": expected an array of integers, got " + type_name(n));
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    std::int64_t v = 0;
    if (convert(*a->get(i), where + "[" + std::to_string(i) + "]", &v)) out->push_back(v);
    else ok = false;
  }
  return ok;
}

}  // namespace il2t::protocol::detail
