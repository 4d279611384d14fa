#pragma once
// The model's parameters as Markdown: one table per parameter file and group, each
// value with its unit, range and source or the reason it is assumed. docs/model-parameters.md
// is this output for the shipped models/ (a command-line test keeps them equal).
#include <string>

#include "model/parameter_set.h"

namespace il2t::report {

std::string parameter_table_markdown(const model::ParameterSet& set);

}  // namespace il2t::report
