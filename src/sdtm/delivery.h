#pragma once
// A folder of SDTM (or ADaM) datasets, as a sponsor delivers them and as il2trial writes
// them: one file per dataset, named by the dataset in lower case (dm.xpt, qs.csv,
// ae.json), in CSV, SAS transport (XPT) or CDISC Dataset-JSON 1.1.
#include <string>
#include <vector>

#include "core/error.h"
#include "sdtm/dataset.h"
#include "sdtm/limits.h"
#include "sdtm/read_trial.h"

namespace il2t::sdtm {

enum class Format { csv, xpt, json };

struct Delivery {
  Study study;                       // the datasets read, by name
  std::vector<Error> errors;         // files that could not be read, and a dataset given twice
  std::vector<std::string> ignored;  // files that are not a dataset il2trial reads
};

// Reads every dataset of `names` (upper case: "DM") found in `dir`. A folder that
// cannot be listed is one error.
Delivery read_delivery(const std::string& dir, const std::vector<std::string>& names, const ReadLimits& limits);

// Writes each dataset in each format into `dir` (created if need be): every file, or
// none (they are written into a staging folder beside it and moved in once all are
// written). An empty Error on success.
Error write_delivery(const std::vector<Dataset>& sets, const std::string& dir, const std::vector<Format>& formats);

}  // namespace il2t::sdtm
