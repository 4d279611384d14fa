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
// ("DM"). Header names are trimmed of spaces and tabs and upper-cased (" age " is AGE).
// An Error names the file, the line and, where one is at fault, the variable: a NUL
// byte ("not a text file", said once for a binary file), an unterminated quote (the line
// it opens on), text after a closing quote, a row wider or narrower than the header, an
// empty or repeated variable name, a text, column or row count beyond `limits`.
Expected<Dataset> read_csv_dataset(std::string_view text, const std::string& file, const std::string& name,
                                   const ReadLimits& limits);

// Reads back with read_csv_dataset value for value: a one-variable dataset's empty value
// is written as "" (a bare empty line would be skipped as blank).
std::string write_csv_dataset(const Dataset& d);

}  // namespace il2t::sdtm
