#include "trial/load_protocol.h"

#include "data/read_file.h"
#include "data/sha256.h"
#include "eligibility/screen.h"
#include "protocol/validate.h"
#include "trial/design.h"
#include "trial/sequential.h"
#include "trial/strata.h"

namespace il2t::trial {

namespace {

// A group-sequential design's bounds at the protocol's enrolment, made as simulate
// makes them (at the endpoint's alpha, or the default 0.05 two-sided).
void check_sequential(const protocol::Protocol& p, Diagnostics& diag) {
  if (!p.group_sequential) return;
  const SourcePos at = p.group_sequential->pos;
  const DesignMade made = make_design(p);
  if (!made.design) {
    diag.error(made.error.pos.line > 0 ? made.error.pos : at, made.error.message);
    return;
  }
  const TrialDesign& d = *made.design;
  const EndpointPlan& e = d.endpoints[d.sequential->endpoint];
  const auto g = sequential_design(*d.sequential, d.planned_n, e.alpha.value_or(AnalysisSettings{}.alpha));
  if (g) return;
  SourcePos where = at;  // the look the error is about, when it is about one
  for (std::size_t k = 0; k < p.interims.size(); ++k)
    if (g.error().field.starts_with("interim[" + std::to_string(k) + "]")) {
      const protocol::Interim& x = p.interims[k];
      where = x.month ? x.month->pos : x.information ? x.information->pos : x.pos;
    }
  diag.error(where, "at the enrolment of " + std::to_string(d.planned_n) + ": " + g.error().message);
}

}  // namespace

protocol::ReadResult read_and_check_file(const std::string& path, std::string* sha256) {
  const auto content = data::read_file(path);
  if (!content) {
    protocol::ReadResult r{std::nullopt, Diagnostics(path)};
    r.diagnostics.error({}, "cannot open the file");
    return r;
  }
  const std::string& text = *content;
  auto r = protocol::read_protocol_text(text, path);
  if (r.protocol && !r.diagnostics.has_errors()) {
    protocol::validate(*r.protocol, r.diagnostics);
    eligibility::compile_protocol(*r.protocol, r.diagnostics);  // expressions name known fields
    check_strata_rules(*r.protocol, r.diagnostics);              // so do the strata's level rules
    if (!r.diagnostics.has_errors()) check_sequential(*r.protocol, r.diagnostics);  // the bounds can be made
  }
  r.diagnostics.sort_by_position();
  if (sha256) *sha256 = data::sha256_hex(text);
  return r;
}

}  // namespace il2t::trial
