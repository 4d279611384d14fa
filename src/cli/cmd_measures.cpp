// il2trial measures: the measure catalogue (docs/measures.md).
#include <iostream>

#include "cli/commands.h"
#include "report/measure_table.h"

namespace il2t::cli {

void add_measures(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("measures", "List the recorded tests and endpoint instruments (Markdown)");
  cmd->callback([&status] {
    std::cout << report::measure_table_markdown() << std::flush;
    status = std::cout ? 0 : 1;
    if (status) std::cerr << "il2trial measures: could not write to standard output\n";
  });
}

}  // namespace il2t::cli
