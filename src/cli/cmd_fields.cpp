// il2trial fields [--markdown]: the patient-record field dictionary.
#include <iostream>

#include "cli/commands.h"
#include "report/field_table.h"

namespace il2t::cli {

void add_fields(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("fields", "List the fields of a patient record (for screen) with kinds and units");
  auto md = std::make_shared<bool>(false);
  cmd->add_flag("--markdown", *md, "As a Markdown table (the default output)");
  cmd->callback([&status] {
    std::cout << report::field_table_markdown();
    status = 0;
  });
}

}  // namespace il2t::cli
