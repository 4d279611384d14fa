#pragma once
// Cross-field checks of a protocol that has been read: allowed values, dangling
// references, units and dose plausibility, schedules against the timeline, and
// allocation ratios. Errors make a protocol invalid; warnings do not.
#include "core/diagnostic.h"
#include "protocol/protocol.h"

namespace il2t::protocol {

void validate(const Protocol& p, Diagnostics& diag);

namespace detail {
// Parts of validate, one file each.
void validate_arms(const Protocol& p, Diagnostics& diag);
void validate_schedule(const Protocol& p, Diagnostics& diag);
void validate_design(const Protocol& p, Diagnostics& diag);  // recruitment, looks, assumed outcomes
}  // namespace detail

}  // namespace il2t::protocol
