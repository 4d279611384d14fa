// il2trial show FILE [--json]: a protocol laid out.
#include <iostream>

#include "cli/commands.h"
#include "cli/load.h"
#include "report/protocol_summary.h"

namespace il2t::cli {

void add_show(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("show", "Lay out a protocol: arms with expanded regimens and IL-2 totals, visits, "
                                         "endpoints, interpretations and assumptions");
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto out = std::make_shared<std::string>();
  cmd->add_option("file", *file, "Protocol file (TOML)")->required();
  cmd->add_flag("--json", *json, "Write JSON instead of text");
  cmd->add_option("--out,-o", *out, "Write to this file (whole or not at all) instead of standard output");
  cmd->callback([file, json, out, &status] {
    auto loaded = load_protocol(*file, std::cerr, true);
    if (!loaded) {
      status = 1;
      return;
    }
    const report::InputProvenance in{loaded->path, loaded->sha256};
    const std::string text = *json ? report::show_json(loaded->protocol, in).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
                                   : report::show_text(loaded->protocol, in);
    status = emit(text, *out, std::cerr) ? 0 : 1;
  });
}

}  // namespace il2t::cli
