// Reads [recruitment], [group_sequential], [[interim]] and [[assumed]]; see
// docs/protocol-format.md. Values are checked against each other in validate_design.cpp.
#include "protocol/toml_sections.h"

namespace il2t::protocol::detail {

namespace {

const toml::table* optional_table(const toml::table& root, std::string_view key, ValueReader& v) {
  const toml::node* n = root.get(key);
  if (!n) return nullptr;
  if (!n->is_table()) {
    v.diag().error(pos_of(*n), std::string(key) + ": expected a table [" + std::string(key) + "]");
    return nullptr;
  }
  return n->as_table();
}

template <typename F>
void optional_tables(const toml::table& root, std::string_view key, ValueReader& v, F&& f) {
  const toml::node* n = root.get(key);
  if (!n) return;
  const std::string k(key);
  const toml::array* a = n->as_array();
  if (!a || !a->is_array_of_tables()) {
    v.diag().error(pos_of(*n), k + ": expected an array of tables [[" + k + "]]");
    return;
  }
  for (std::size_t i = 0; i < a->size(); ++i) f(*a->get(i)->as_table(), k + "[" + std::to_string(i) + "]");
}

Recruitment recruitment(const toml::table& t, ValueReader& v) {
  const std::string p = "recruitment";
  v.check_keys(t, p, {"per_month", "ramp_up_months"});
  Recruitment r;
  r.pos = pos_of(t);
  if (auto f = v.fact<double>(t, p, "per_month", true)) r.per_month = *f;
  r.ramp_up_months = v.fact<double>(t, p, "ramp_up_months", false);
  return r;
}

GroupSequential group_sequential(const toml::table& t, ValueReader& v) {
  const std::string p = "group_sequential";
  v.check_keys(t, p, {"endpoint", "benefit", "efficacy", "efficacy_gamma", "futility", "futility_gamma", "beta",
                      "binding_futility"});
  GroupSequential g;
  g.pos = pos_of(t);
  if (auto f = v.fact<std::string>(t, p, "endpoint", true)) g.endpoint = *f;
  if (auto f = v.fact<std::string>(t, p, "benefit", true)) g.benefit = *f;
  if (auto f = v.fact<std::string>(t, p, "efficacy", true)) g.efficacy = *f;
  g.efficacy_gamma = v.fact<double>(t, p, "efficacy_gamma", false);
  g.futility = v.fact<std::string>(t, p, "futility", false);
  g.futility_gamma = v.fact<double>(t, p, "futility_gamma", false);
  g.beta = v.fact<double>(t, p, "beta", false);
  g.binding_futility = v.fact<bool>(t, p, "binding_futility", false);
  return g;
}

Interim interim(const toml::table& t, const std::string& p, ValueReader& v) {
  v.check_keys(t, p, {"information", "month", "registry", "interpreted", "assumed"});
  Interim i;
  i.pos = pos_of(t);
  i.information = v.fact<double>(t, p, "information", false);
  i.month = v.fact<double>(t, p, "month", false);
  i.origin = v.object_origin(t, p);
  return i;
}

AssumedOutcome assumed(const toml::table& t, const std::string& p, ValueReader& v) {
  v.check_keys(t, p, {"endpoint", "arm", "rate", "mean", "sd", "registry", "interpreted", "assumed"});
  AssumedOutcome a;
  a.pos = pos_of(t);
  if (auto f = v.fact<std::string>(t, p, "endpoint", true)) a.endpoint = *f;
  if (auto f = v.fact<std::string>(t, p, "arm", true)) a.arm = *f;
  a.rate = v.fact<double>(t, p, "rate", false);
  a.mean = v.fact<double>(t, p, "mean", false);
  a.sd = v.fact<double>(t, p, "sd", false);
  a.origin = v.object_origin(t, p);
  return a;
}

}  // namespace

void read_design_sections(const toml::table& root, ValueReader& v, Protocol& p) {
  if (const toml::table* t = optional_table(root, "recruitment", v)) p.recruitment = recruitment(*t, v);
  if (const toml::table* t = optional_table(root, "group_sequential", v)) p.group_sequential = group_sequential(*t, v);
  optional_tables(root, "interim", v, [&](const toml::table& t, const std::string& path) {
    p.interims.push_back(interim(t, path, v));
  });
  optional_tables(root, "assumed", v, [&](const toml::table& t, const std::string& path) {
    p.assumed.push_back(assumed(t, path, v));
  });
}

}  // namespace il2t::protocol::detail
