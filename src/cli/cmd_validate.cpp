// il2trial validate FILE...: checks protocol files; exit 0 when all are valid.
#include <fmt/format.h>
#include <iostream>

#include "cli/commands.h"
#include "cli/load.h"

namespace il2t::cli {

void add_validate(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("validate", "Check protocol files; print file:line:column: error|warning: message");
  auto files = std::make_shared<std::vector<std::string>>();
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("files", *files, "Protocol files (TOML)")->required();
  cmd->add_flag("--quiet,-q", *quiet, "Print errors only, not warnings");
  cmd->callback([files, quiet, &status] {
    int errors = 0, warnings = 0, bad_files = 0;
    for (const std::string& f : *files) {
      const auto r = check_file(f);
      for (const auto& d : r.diagnostics.items()) {
        if (d.severity == Severity::error || !*quiet) std::cerr << format(d) << "\n";
      }
      errors += r.diagnostics.error_count();
      warnings += r.diagnostics.warning_count();
      if (r.diagnostics.has_errors()) ++bad_files;
    }
    std::cout << fmt::format("{} file{} checked: {} valid, {} with errors; {} error{}, {} warning{}\n", files->size(),
                             files->size() == 1 ? "" : "s", files->size() - static_cast<std::size_t>(bad_files),
                             bad_files, errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    status = bad_files > 0 ? 1 : 0;
  });
}

}  // namespace il2t::cli
