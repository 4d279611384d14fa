#include "protocol/toml_writer.h"

#include <cstdio>
#include <sstream>

namespace il2t::protocol {

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string value_text(const std::string& s) { return quote(s); }
std::string value_text(double x) { return units::format_number(x); }
std::string value_text(std::int64_t x) { return std::to_string(x); }
std::string value_text(bool b) { return b ? "true" : "false"; }
std::string value_text(const Strings& xs) {
  std::string s = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + quote(xs[i]);
  return s + "]";
}
std::string value_text(const std::vector<std::int64_t>& xs) {
  std::string s = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + std::to_string(xs[i]);
  return s + "]";
}

// Origin keys as they appear inside a table (inline or not).
std::string origin_fields(const Origin& o, const char* sep) {
  std::string s;
  if (!o.words.empty()) s += std::string(sep) + "registry = " + quote(o.words);
  if (o.kind != OriginKind::registry) s += std::string(sep) + to_string(o.kind) + " = " + quote(o.reason);
  return s;
}

class Emitter {
 public:
  std::ostringstream out;

  template <typename T>
  void fact(const char* key, const Fact<T>& f) {
    if (f.origin == Origin{}) {
      out << key << " = " << value_text(f.value) << "\n";
    } else {
      out << key << " = { value = " << value_text(f.value) << origin_fields(f.origin, ", ") << " }\n";
    }
  }
  template <typename T>
  void fact(const char* key, const std::optional<Fact<T>>& f) {
    if (f) fact(key, *f);
  }
  void raw(const char* key, const std::string& v) { out << key << " = " << quote(v) << "\n"; }
  void origin(const Origin& o) {
    if (o != Origin{}) out << origin_fields(o, "\n").substr(1) << "\n";
  }
  void header(const std::string& h) { out << "\n" << h << "\n"; }
};

void criteria(Emitter& e, const char* kind, const std::vector<Criterion>& list) {
  if (list.empty()) {
    e.header("[eligibility]");
    e.out << kind << " = []\n";
    return;
  }
  for (const Criterion& c : list) {
    e.header(std::string("[[eligibility.") + kind + "]]");
    e.raw("id", c.id);
    e.raw("text", c.text);
    if (c.expr) e.raw("expr", *c.expr);
    if (c.manual) e.out << "manual = true\n";
    e.origin(c.origin);
  }
}

// [recruitment], [group_sequential], [[interim]] and [[assumed]], when present.
void design_sections(Emitter& e, const Protocol& p) {
  if (const auto& r = p.recruitment) {
    e.header("[recruitment]");
    e.fact("per_month", r->per_month);
    e.fact("ramp_up_months", r->ramp_up_months);
  }
  if (const auto& g = p.group_sequential) {
    e.header("[group_sequential]");
    e.fact("endpoint", g->endpoint);
    e.fact("benefit", g->benefit);
    e.fact("efficacy", g->efficacy);
    e.fact("efficacy_gamma", g->efficacy_gamma);
    e.fact("futility", g->futility);
    e.fact("futility_gamma", g->futility_gamma);
    e.fact("beta", g->beta);
    e.fact("binding_futility", g->binding_futility);
  }
  for (const Interim& i : p.interims) {
    e.header("[[interim]]");
    e.fact("information", i.information);
    e.fact("month", i.month);
    e.origin(i.origin);
  }
  for (const AssumedOutcome& a : p.assumed) {
    e.header("[[assumed]]");
    e.fact("endpoint", a.endpoint);
    e.fact("arm", a.arm);
    e.fact("rate", a.rate);
    e.fact("mean", a.mean);
    e.fact("sd", a.sd);
    e.origin(a.origin);
  }
}

}  // namespace

std::string write_protocol_toml(const Protocol& p) {
  Emitter e;
  e.out << "# il2trial protocol file (docs/protocol-format.md), written in canonical form\n";
  e.out << "format = " << p.format << "\n";
  if (!p.source.records.empty() || !p.source.copies.empty()) {
    e.header("[source]");
    e.out << "records = " << value_text(p.source.records) << "\n";
    e.out << "copies = " << value_text(p.source.copies) << "\n";
  }
  const Identity& id = p.identity;
  e.header("[identity]");
  e.fact("id", id.id);
  e.fact("registry_ids", id.registry_ids);
  e.fact("title", id.title);
  e.fact("sponsor", id.sponsor);
  e.fact("phase", id.phase);
  e.fact("design", id.design);
  e.fact("masking", id.masking);
  e.fact("status", id.status);
  e.fact("enrolment", id.enrolment);

  e.header("[timeline]");
  e.fact("treatment_weeks", p.timeline.treatment_weeks);
  e.fact("duration_weeks", p.timeline.duration_weeks);

  const Population& pop = p.population;
  e.header("[population]");
  e.fact("conditions", pop.conditions);
  e.fact("age_min_years", pop.age_years.min);
  e.fact("age_max_years", pop.age_years.max);
  e.fact("weight_min_kg", pop.weight_kg.min);
  e.fact("weight_max_kg", pop.weight_kg.max);
  e.fact("sex", pop.sex);
  e.fact("healthy_volunteers", pop.healthy_volunteers);
  e.fact("reference_weight_kg", pop.reference_weight_kg);
  e.fact("reference_height_cm", pop.reference_height_cm);

  criteria(e, "inclusion", p.eligibility.inclusion);
  criteria(e, "exclusion", p.eligibility.exclusion);

  for (const Arm& a : p.arms) {
    e.header("[[arms]]");
    e.raw("id", a.id);
    e.fact("label", a.label);
    e.fact("ratio", a.ratio);
    if (!a.background.value.empty() || a.background.origin != Origin{}) e.fact("background", a.background);
    e.origin(a.origin);
    if (a.interventions.empty()) e.out << "interventions = []\n";
    for (const Intervention& iv : a.interventions) {
      e.header("[[arms.interventions]]");
      e.fact("drug", iv.drug);
      Fact<std::string> text = iv.regimen_text;
      if (iv.regimen) text.value = to_string(*iv.regimen);
      e.fact("regimen", text);
      e.origin(iv.origin);
    }
  }

  const Randomisation& r = p.randomisation;
  e.header("[randomisation]");
  e.fact("method", r.method);
  if (!r.block_sizes.value.empty() || r.block_sizes.origin != Origin{}) e.fact("block_sizes", r.block_sizes);
  if (!r.strata.value.empty() || r.strata.origin != Origin{}) e.fact("strata", r.strata);

  for (const Visit& v : p.visits) {
    e.header("[[visits]]");
    e.raw("id", v.id);
    e.fact(v.unit.c_str(), v.at);
    e.fact("window_days", v.window_days);
    e.origin(v.origin);
  }

  for (const Endpoint& ep : p.endpoints) {
    e.header("[[endpoints]]");
    e.raw("id", ep.id);
    e.fact("kind", ep.kind);
    e.fact("measure", ep.measure);
    if (!ep.description.value.empty()) e.fact("description", ep.description);
    e.fact("instrument", ep.instrument);
    e.fact("timepoints", ep.timepoints);
    e.fact("compare", ep.compare);
    e.origin(ep.origin);
    e.header("[endpoints.analysis]");
    e.fact("method", ep.analysis.method);
    if (!ep.analysis.covariates.value.empty() || ep.analysis.covariates.origin != Origin{})
      e.fact("covariates", ep.analysis.covariates);
    e.fact("alpha", ep.analysis.alpha);
    e.fact("multiplicity", ep.analysis.multiplicity);
    e.origin(ep.analysis.origin);
  }
  design_sections(e, p);
  return e.out.str();
}

}  // namespace il2t::protocol
