// il2trial parameters [--model-dir DIR]: the model's parameters with their sources.
#include <iostream>

#include "cli/commands.h"
#include "cli/model_options.h"
#include "model/model.h"
#include "report/parameter_table.h"

namespace il2t::cli {

void add_parameters(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("parameters", "List the model's parameters with units, ranges and sources (Markdown)");
  auto dir = std::make_shared<std::string>(model::default_model_dir());
  cmd->add_option("--model-dir", *dir, "Directory of the parameter files (default: the shipped models/)");
  cmd->callback([dir, &status] {
    const auto m = load_model_reporting(*dir, {}, "il2trial parameters");
    if (!m) {
      status = 1;
      return;
    }
    std::cout << report::parameter_table_markdown(m->parameters);
    status = 0;
  });
}

}  // namespace il2t::cli
