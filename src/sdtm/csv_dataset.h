#pragma once
// SDTM and ADaM datasets as CSV (RFC 4180: a header row of variable names, quoted fields
// with doubled quotes, LF or CRLF line ends, an optional UTF-8 byte-order mark), read
// into a Dataset of text columns (CSV has no types: Dataset::number parses a value) and
// written from one with numbers in their shortest round-trip form.
#include <string>
#include <string_view>

#include "core/error.h"
#include "sdtm/dataset.h"
#include "sdtm/limits.h"

namespace il2t::sdtm {

// `file` names the text in messages and becomes the dataset's file; `name` its domain
// ("DM"). An Error names the file, the line and, where one is at fault, the variable:
// an unterminated quote, a row wider or narrower than the header, an empty or repeated
// variable name, a text or row count beyond `limits`.
Expected<Dataset> read_csv_dataset(std::string_view text, const std::string& file, const std::string& name,
                                   const ReadLimits& limits);

std::string write_csv_dataset(const Dataset& d);

}  // namespace il2t::sdtm
