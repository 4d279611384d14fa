// Reads each section of a protocol file; see docs/protocol-format.md.
#include "protocol/toml_reader.h"

#include "protocol/toml_sections.h"
#include "protocol/toml_values.h"

namespace il2t::protocol {

namespace {

using detail::pos_of;
using detail::ValueReader;

std::string idx(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

// Column of the character at byte `offset` inside a one-line TOML string starting at `pos`.
SourcePos inside_string(SourcePos pos, const std::string& text, int offset) {
  int cps = 0;
  for (int i = 0; i < offset && i < static_cast<int>(text.size()); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++cps;
  }
  return {pos.line, pos.column + 1 + cps};
}

class SectionReader {
 public:
  SectionReader(const toml::table& root, Diagnostics& d) : root_(root), v_(d) {}

  Protocol read() {
    Protocol p;
    v_.check_keys(root_, "", {"format", "source", "identity", "timeline", "population", "eligibility",
                              "arms", "randomisation", "visits", "endpoints", "recruitment", "group_sequential",
                              "interim", "assumed"});
    read_format(p);
    if (auto t = table("source", false)) read_source(*t, p.source);
    if (auto t = table("identity", true)) read_identity(*t, p.identity);
    if (auto t = table("timeline", true)) read_timeline(*t, p.timeline);
    if (auto t = table("population", true)) read_population(*t, p.population);
    if (auto t = table("eligibility", true)) read_eligibility(*t, p.eligibility);
    for_each_table("arms", [&](const toml::table& t, const std::string& path) { p.arms.push_back(arm(t, path)); });
    if (auto t = table("randomisation", true)) read_randomisation(*t, p.randomisation);
    for_each_table("visits", [&](const toml::table& t, const std::string& path) { p.visits.push_back(visit(t, path)); });
    for_each_table("endpoints", [&](const toml::table& t, const std::string& path) {
      p.endpoints.push_back(endpoint(t, path));
    });
    detail::read_design_sections(root_, v_, p);
    return p;
  }

 private:
  const toml::table& root_;
  ValueReader v_;
  Diagnostics& diag() { return v_.diag(); }

  const toml::table* table(std::string_view key, bool required) {
    const toml::node* n = root_.get(key);
    if (!n) {
      if (required) diag().error({1, 1}, std::string(key) + ": missing section [" + std::string(key) + "]");
      return nullptr;
    }
    if (!n->is_table()) {
      diag().error(pos_of(*n), std::string(key) + ": expected a table [" + std::string(key) + "]");
      return nullptr;
    }
    return n->as_table();
  }

  template <typename F>
  void for_each_table(std::string_view key, F&& f) {
    const toml::node* n = root_.get(key);
    const std::string k(key);
    if (!n) {
      diag().error({1, 1}, k + ": missing (at least one [[" + k + "]] is required)");
      return;
    }
    const toml::array* a = n->as_array();
    if (!a || !a->is_array_of_tables()) {
      diag().error(pos_of(*n), k + ": expected an array of tables [[" + k + "]]");
      return;
    }
    for (std::size_t i = 0; i < a->size(); ++i) f(*a->get(i)->as_table(), idx(k, i));
  }

  void read_format(Protocol& p) {
    const toml::node* n = root_.get("format");
    if (!n) {
      diag().error({1, 1}, "format: missing (write `format = 1` first in the file)");
      return;
    }
    auto i = n->as_integer();
    if (!i || i->get() != 1) {
      diag().error(pos_of(*n), "format: this program reads protocol format 1");
      return;
    }
    p.format = i->get();
  }

  void read_source(const toml::table& t, Source& s) {
    v_.check_keys(t, "source", {"records", "copies"});
    for (auto [key, out] : {std::pair{"records", &s.records}, std::pair{"copies", &s.copies}}) {
      auto f = v_.fact<Strings>(t, "source", key, false);
      if (!f) continue;
      *out = f->value;
      if (f->origin != Origin{})
        diag().error(f->pos, std::string("source.") + key + ": a plain list: [source] says where the text came from");
    }
  }

  template <typename T>
  void get(const toml::table& t, const std::string& path, std::string_view key, Fact<T>& out,
           bool required = true) {
    if (auto f = v_.fact<T>(t, path, key, required)) out = *f;
  }
  template <typename T>
  void get(const toml::table& t, const std::string& path, std::string_view key,
           std::optional<Fact<T>>& out) {
    out = v_.fact<T>(t, path, key, false);
  }

  void read_identity(const toml::table& t, Identity& id) {
    const std::string p = "identity";
    v_.check_keys(t, p, {"id", "registry_ids", "title", "sponsor", "phase", "design", "masking", "status",
                         "enrolment"});
    get(t, p, "id", id.id);
    get(t, p, "registry_ids", id.registry_ids);
    get(t, p, "title", id.title);
    get(t, p, "sponsor", id.sponsor);
    get(t, p, "phase", id.phase);
    get(t, p, "design", id.design);
    get(t, p, "masking", id.masking);
    get(t, p, "status", id.status);
    get(t, p, "enrolment", id.enrolment);
  }

  void read_timeline(const toml::table& t, Timeline& tl) {
    v_.check_keys(t, "timeline", {"treatment_weeks", "duration_weeks"});
    get(t, "timeline", "treatment_weeks", tl.treatment_weeks);
    get(t, "timeline", "duration_weeks", tl.duration_weeks);
  }

  void read_population(const toml::table& t, Population& pop) {
    const std::string p = "population";
    v_.check_keys(t, p, {"conditions", "age_min_years", "age_max_years", "weight_min_kg", "weight_max_kg",
                         "sex", "healthy_volunteers", "reference_weight_kg", "reference_height_cm"});
    get(t, p, "conditions", pop.conditions);
    get(t, p, "age_min_years", pop.age_years.min);
    get(t, p, "age_max_years", pop.age_years.max);
    get(t, p, "weight_min_kg", pop.weight_kg.min);
    get(t, p, "weight_max_kg", pop.weight_kg.max);
    get(t, p, "sex", pop.sex);
    get(t, p, "healthy_volunteers", pop.healthy_volunteers);
    get(t, p, "reference_weight_kg", pop.reference_weight_kg);
    get(t, p, "reference_height_cm", pop.reference_height_cm);
  }

  void read_eligibility(const toml::table& t, Eligibility& e) {
    v_.check_keys(t, "eligibility", {"inclusion", "exclusion"});
    auto list = [&](std::string_view key, std::vector<Criterion>& out) {
      const std::string base = "eligibility." + std::string(key);
      const toml::node* n = t.get(key);
      if (!n) {
        diag().error(pos_of(t), base + ": missing (write an empty list `" + std::string(key) +
                                    " = []` if the registry gives none)");
        return;
      }
      const toml::array* a = n->as_array();
      if (!a || (!a->empty() && !a->is_array_of_tables())) {
        diag().error(pos_of(*n), base + ": expected an array of tables [[" + base + "]]");
        return;
      }
      for (std::size_t i = 0; i < a->size(); ++i) out.push_back(criterion(*a->get(i)->as_table(), idx(base, i)));
    };
    list("inclusion", e.inclusion);
    list("exclusion", e.exclusion);
  }

  Criterion criterion(const toml::table& t, const std::string& p) {
    v_.check_keys(t, p, {"id", "text", "expr", "manual", "registry", "interpreted", "assumed"});
    Criterion c;
    c.pos = pos_of(t);
    c.id = v_.string(t, p, "id", true).value_or("");
    c.text = v_.string(t, p, "text", true).value_or("");
    c.expr = v_.string(t, p, "expr", false);
    if (auto m = v_.fact<bool>(t, p, "manual", false)) {
      c.manual = m->value;
      if (m->origin != Origin{})
        diag().error(m->pos, p + ".manual: write plain true or false; the reason goes in the criterion's `interpreted` "
                                 "or `assumed`");
    }
    if (c.expr && c.manual) diag().error(pos_of(*t.get("manual")), p + ": a criterion has `expr` or `manual = true`, not both");
    if (!c.expr && !c.manual) diag().error(c.pos, p + ": give `expr` (an expression) or `manual = true`");
    c.origin = v_.object_origin(t, p);
    return c;
  }

  Arm arm(const toml::table& t, const std::string& p) {
    v_.check_keys(t, p, {"id", "label", "ratio", "interventions", "background", "registry", "interpreted",
                         "assumed"});
    Arm a;
    a.pos = pos_of(t);
    a.id = v_.string(t, p, "id", true).value_or("");
    get(t, p, "label", a.label);
    get(t, p, "ratio", a.ratio);
    get(t, p, "background", a.background, false);
    a.origin = v_.object_origin(t, p);
    if (const toml::node* n = t.get("interventions")) {
      const toml::array* arr = n->as_array();
      if (!arr || (!arr->empty() && !arr->is_array_of_tables())) {
        diag().error(pos_of(*n), p + ".interventions: expected an array of tables [[arms.interventions]]");
      } else {
        for (std::size_t i = 0; i < arr->size(); ++i)
          a.interventions.push_back(intervention(*arr->get(i)->as_table(), idx(p + ".interventions", i)));
      }
    } else {
      diag().error(a.pos, p + ".interventions: missing (write `interventions = []` for an arm given only "
                              "background therapy)");
    }
    return a;
  }

  Intervention intervention(const toml::table& t, const std::string& p) {
    v_.check_keys(t, p, {"drug", "regimen", "registry", "interpreted", "assumed"});
    Intervention iv;
    iv.pos = pos_of(t);
    get(t, p, "drug", iv.drug);
    get(t, p, "regimen", iv.regimen_text);
    iv.origin = v_.object_origin(t, p);
    if (!iv.regimen_text.value.empty()) {
      auto r = parse_regimen(iv.regimen_text.value);
      if (r.error) {
        diag().error(inside_string(iv.regimen_text.pos, iv.regimen_text.value, r.error->offset),
                     p + ".regimen: " + r.error->message);
      } else {
        iv.regimen = r.regimen;
      }
    }
    return iv;
  }

  void read_randomisation(const toml::table& t, Randomisation& r) {
    const std::string p = "randomisation";
    v_.check_keys(t, p, {"method", "block_sizes", "strata"});
    get(t, p, "method", r.method);
    get(t, p, "block_sizes", r.block_sizes, false);
    get(t, p, "strata", r.strata, false);
  }

  Visit visit(const toml::table& t, const std::string& p) {
    v_.check_keys(t, p, {"id", "day", "week", "month", "window_days", "registry", "interpreted", "assumed"});
    Visit vi;
    vi.pos = pos_of(t);
    vi.id = v_.string(t, p, "id", true).value_or("");
    int given = 0;
    for (std::string_view u : {"day", "week", "month"}) {
      if (auto f = v_.fact<double>(t, p, u, false)) {
        if (++given == 1) {
          vi.unit = std::string(u);
          vi.at = *f;
        } else {
          diag().error(f->pos, p + "." + std::string(u) + ": a visit has one of `day`, `week` or `month`");
        }
      }
    }
    if (given == 0 && t.get("day") == nullptr && t.get("week") == nullptr && t.get("month") == nullptr)
      diag().error(vi.pos, p + ": give its time as `day`, `week` or `month`");
    get(t, p, "window_days", vi.window_days);
    vi.origin = v_.object_origin(t, p);
    return vi;
  }

  Endpoint endpoint(const toml::table& t, const std::string& p) {
    v_.check_keys(t, p, {"id", "kind", "measure", "description", "instrument", "timepoints", "compare",
                         "analysis", "registry", "interpreted", "assumed"});
    Endpoint e;
    e.pos = pos_of(t);
    e.id = v_.string(t, p, "id", true).value_or("");
    get(t, p, "kind", e.kind);
    get(t, p, "measure", e.measure);
    get(t, p, "description", e.description, false);
    get(t, p, "instrument", e.instrument);
    get(t, p, "timepoints", e.timepoints);
    get(t, p, "compare", e.compare);
    e.origin = v_.object_origin(t, p);
    const toml::node* a = t.get("analysis");
    if (!a || !a->is_table()) {
      diag().error(a ? pos_of(*a) : e.pos, p + ".analysis: " + (a ? "expected a table" : "missing (required)"));
      return e;
    }
    const toml::table& at = *a->as_table();
    const std::string ap = p + ".analysis";
    v_.check_keys(at, ap, {"method", "covariates", "alpha", "multiplicity", "registry", "interpreted", "assumed"});
    get(at, ap, "method", e.analysis.method);
    get(at, ap, "covariates", e.analysis.covariates, false);
    get(at, ap, "alpha", e.analysis.alpha);
    get(at, ap, "multiplicity", e.analysis.multiplicity);
    e.analysis.origin = v_.object_origin(at, ap);
    e.analysis.pos = pos_of(at);
    return e;
  }
};

}  // namespace

ReadResult read_protocol_text(std::string_view text, const std::string& name) {
  ReadResult r{std::nullopt, Diagnostics(name)};
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    r.diagnostics.error({static_cast<int>(b.line), static_cast<int>(b.column)},
                        "TOML syntax: " + std::string(e.description()));
    return r;
  }
  SectionReader reader(root, r.diagnostics);
  r.protocol = reader.read();
  return r;
}

}  // namespace il2t::protocol
