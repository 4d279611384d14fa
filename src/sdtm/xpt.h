#pragma once
// SAS transport files (XPT), the format FDA requires for SDTM and ADaM submissions,
// read and written through ReadStat: one dataset (member) per file.
//
// What a round trip keeps: the dataset's name (the member name, upper case), each
// variable's name (upper case), type, label and, for text, its length; every text value
// without trailing spaces (XPT pads with spaces, so they cannot be told from padding);
// every number exactly (XPT's IBM doubles hold any IEEE double in 2^-260 ≤ |x| < 2^249),
// with NaN for a missing value (`.` and the special missing values .A–.Z, ._).
// Version 5 has no row count: a file cut on an 80-byte record boundary between rows
// reads as a shorter dataset, and trailing rows whose every value is empty text cannot
// be told from the padding. Any other truncation, and any damage ReadStat notices, is
// an Error.
#include <string>

#include "core/error.h"
#include "sdtm/dataset.h"
#include "sdtm/limits.h"

namespace il2t::sdtm {

// Reads `path` (version 5 or 8). Rows' origins are their record numbers, so messages
// read "dm.xpt, record 12". The Error names the file, and the variable where known.
Expected<Dataset> read_xpt(const std::string& path, const ReadLimits& limits = {});

// Writes `d` as a version-5 file at `path`, whole or not at all (a temporary file
// beside it, renamed on success). Names must be SAS names of at most 8 characters
// (the dataset's too) and labels at most 40 bytes; a text variable's length is its
// declared length, else its longest value (at least 1, at most 200), and a longer
// value is an Error naming the variable and the row; numbers are written as 8-byte
// doubles, NaN as missing. Returns an empty Error on success. The header's creation
// time is kXptTimestamp, so that a dataset always gives the same bytes.
Error write_xpt(const Dataset& d, const std::string& path);

inline constexpr long kXptTimestamp = 1735689600;  // 2025-01-01T00:00:00 UTC

}  // namespace il2t::sdtm
