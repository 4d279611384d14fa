#pragma once
// CDISC Dataset-JSON version 1.1 (https://cdisc-org.github.io/DataExchange-DatasetJson/
// doc/dataset-json1-1.html), the JSON alternative to XPT for SDTM and ADaM datasets:
// top-level metadata, `columns` (one object per variable) and `rows` (one array each).
//
// A column's dataType decides its type here: string, date, datetime, time and URI are
// text (JSON strings); integer, float and double are numbers (JSON numbers); decimal
// is a number sent as a JSON string ("1,234.5" with an optional comma for thousands)
// or a number; boolean is a number, 1 or 0. null is missing in any column.
#include <string>
#include <string_view>

#include "core/error.h"
#include "sdtm/dataset.h"
#include "sdtm/limits.h"

namespace il2t::sdtm {

// Reads a Dataset-JSON 1.1 (or 1.1.x) document; `file` names it in messages. Checks
// the required attributes, that `records` equals the number of rows, that each row has
// one value per column, and each value's type; a message names the row (1-based) and
// the variable. Texts larger than limits.max_bytes or nested deeper than
// limits.max_depth are refused before parsing. Names are read upper case; rows'
// origins are their record numbers. The dataset's label, OIDs and key sequence are
// not kept (a Dataset has no place for them).
Expected<Dataset> read_dataset_json(std::string_view text, const std::string& file, const ReadLimits& limits = {});

// Writes `d` as a Dataset-JSON 1.1.0 document, attributes in the specification's order
// and one row per line: itemGroupOID "IG.<name>", itemOID "IT.<name>.<variable>", an
// empty dataset label; a text variable's length is its declared length, else its
// longest value (at least 1); a number variable is "integer" when every value is a
// whole number below 2^53 in size, else "double". Missing numbers, and non-finite ones
// (JSON has no infinity), are null; bytes that are not UTF-8 are written as U+FFFD.
std::string write_dataset_json(const Dataset& d, std::string_view creation_time);

}  // namespace il2t::sdtm
