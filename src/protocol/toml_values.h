#pragma once
// Reading typed, origin-carrying values out of toml++ tables, with diagnostics.
// Internal to the protocol reader.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "core/diagnostic.h"
#include "protocol/protocol.h"

namespace il2t::protocol::detail {

SourcePos pos_of(const toml::node& n);

class ValueReader {
 public:
  explicit ValueReader(Diagnostics& d) : diag_(d) {}

  // Reports keys of `t` not in `allowed` ("did you mean" when one is close).
  void check_keys(const toml::table& t, const std::string& path,
                  std::initializer_list<std::string_view> allowed);

  // A fact: a bare value (origin registry) or { value = ..., registry / interpreted /
  // assumed = "..." }. Reports a missing required key at the table's position.
  template <typename T>
  std::optional<Fact<T>> fact(const toml::table& t, const std::string& path, std::string_view key,
                              bool required);

  // registry / interpreted / assumed keys of an object table (a criterion, an arm...).
  Origin object_origin(const toml::table& t, const std::string& path);

  // A plain string (no origin), e.g. an id.
  std::optional<std::string> string(const toml::table& t, const std::string& path, std::string_view key,
                                    bool required);

  Diagnostics& diag() { return diag_; }

 private:
  Diagnostics& diag_;
  bool convert(const toml::node& n, const std::string& where, std::string* out);
  bool convert(const toml::node& n, const std::string& where, double* out);
  bool convert(const toml::node& n, const std::string& where, std::int64_t* out);
  bool convert(const toml::node& n, const std::string& where, bool* out);
  bool convert(const toml::node& n, const std::string& where, Strings* out);
  bool convert(const toml::node& n, const std::string& where, std::vector<std::int64_t>* out);
  std::optional<Origin> origin_keys(const toml::table& t, const std::string& path, bool value_table);
};

template <typename T>
std::optional<Fact<T>> ValueReader::fact(const toml::table& t, const std::string& path,
                                         std::string_view key, bool required) {
  const std::string where = path.empty() ? std::string(key) : path + "." + std::string(key);
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) diag_.error(pos_of(t), where + ": missing (required)");
    return std::nullopt;
  }
  Fact<T> f;
  f.pos = pos_of(*n);
  const toml::table* vt = n->as_table();
  // A table where a value belongs is a value with its origin, unless T is itself a list
  // of values (never a table) — so the rule holds for every fact.
  if (vt) {
    check_keys(*vt, where, {"value", "registry", "interpreted", "assumed"});
    const toml::node* v = vt->get("value");
    if (!v) {
      diag_.error(pos_of(*vt), where + ".value: missing (a value with its origin needs `value`)");
      return std::nullopt;
    }
    auto o = origin_keys(*vt, where, true);
    if (!o) return std::nullopt;
    f.origin = *o;
    f.pos = pos_of(*v);
    if (!convert(*v, where + ".value", &f.value)) return std::nullopt;
    return f;
  }
  if (!convert(*n, where, &f.value)) return std::nullopt;
  return f;
}

}  // namespace il2t::protocol::detail
