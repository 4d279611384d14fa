#pragma once
// Screening: a patient record against a protocol's eligibility criteria, each
// criterion met, failed or unknown with its reason; manual criteria listed as checks
// left to the investigator, never passed silently.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eligibility/expr.h"
#include "core/diagnostic.h"
#include "protocol/protocol.h"

namespace il2t::eligibility {

struct CompiledCriterion {
  std::string id;
  std::string text;
  bool inclusion = true;
  std::optional<Expr> expr;  // absent: manual
};

struct CompiledProtocol {
  std::string id;
  std::vector<CompiledCriterion> criteria;
};

// Compiles every criterion; an expression that does not compile is an error at its
// place in the protocol file (`diag`), and the protocol is then not usable.
std::optional<CompiledProtocol> compile_protocol(const protocol::Protocol& p, Diagnostics& diag);

enum class Verdict { eligible, not_eligible, undetermined };
const char* to_string(Verdict v);

struct CriterionOutcome {
  std::string id;
  std::string text;
  bool inclusion = true;
  std::vector<std::string> reasons;  // the decisive comparisons with the record's values
  std::vector<std::string> missing;  // fields whose absence left it unknown
};

struct ScreenResult {
  std::string patient;
  std::string protocol;
  Verdict verdict = Verdict::undetermined;
  std::vector<CriterionOutcome> failed;   // inclusion not met, or exclusion present
  std::vector<CriterionOutcome> unknown;  // needs data the record lacks
  std::vector<CriterionOutcome> manual;   // for the investigator
};

// Eligible: every computable criterion passes (manual checks remain listed);
// not eligible: at least one fails; undetermined: none fails, some are unknown.
ScreenResult screen(const CompiledProtocol& p, const PatientRecord& r, std::int32_t as_of);

// The verdict alone, without reasons: allocates nothing (for the simulator's hot path).
Verdict screen_verdict(const CompiledProtocol& p, const PatientRecord& r, std::int32_t as_of);

}  // namespace il2t::eligibility
