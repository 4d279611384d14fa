#pragma once
// Statistical scenarios: an arm's endpoint stated directly, as a response rate or a mean
// and SD (protocol [[assumed]], or simulate --assume), as rpact and FACTS users state
// it. Each replicate trial keeps the model's participants, arms, visits and missing
// values, and redraws the assumed endpoint's values from the stated distributions:
// a response is Bernoulli(rate) in every analysed row (the rate of the analysis
// population, missing counted as the analysis counts it); a value is Normal(mean, SD)
// where the model measured one. The same analysis then runs on both, so one run
// compares the model-based and the assumed-rate operating characteristics.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "protocol/protocol.h"
#include "trial/design.h"
#include "trial/endpoints.h"

namespace il2t::trial {

// Per endpoint of `d` (its order): nothing, or each compared arm's assumed outcome.
std::vector<std::vector<AssumedArm>> assumed_outcomes(const protocol::Protocol& p, const TrialDesign& d);

// "response rate 0.35", "mean -2, SD 4"
std::string describe(const AssumedArm& a);

// Adds `--assume ENDPOINT:ARM=RATE` or `ENDPOINT:ARM=MEAN,SD` to the protocol's
// [[assumed]] (replacing one for the same endpoint and arm); an error naming the text
// when it does not parse. Validation then checks it as it checks the file's.
Expected<bool> add_assumption(protocol::Protocol& p, const std::string& text);

// The endpoint's rows with each compared arm's values redrawn from its assumption
// (stream: seed, replicate, participant and endpoint, Purpose::assumed).
void draw_assumed(const EndpointPlan& e, std::size_t endpoint, const std::vector<AssumedArm>& arms,
                  const EndpointRows& model_rows, std::uint64_t seed, std::uint64_t replicate, EndpointRows& out);

}  // namespace il2t::trial
