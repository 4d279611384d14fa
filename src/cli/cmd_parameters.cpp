// il2trial parameters [--model-dir DIR]: the model's parameters with their sources.
#include <iostream>

#include "cli/commands.h"
#include "model/model.h"
#include "report/parameter_table.h"
#include "trial/assumptions.h"

namespace il2t::cli {

void add_parameters(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("parameters", "List the model's parameters with units, ranges and sources (Markdown)");
  auto dir = std::make_shared<std::string>(model::default_model_dir());
  cmd->add_option("--model-dir", *dir, "Directory of the parameter files (default: the shipped models/)");
  cmd->callback([dir, &status] {
    model::ModelLoad ml = trial::load_checked_model(*dir);
    if (!ml.model) {
      for (const std::string& e : ml.errors)
        std::cerr << (e.find("error: ") == std::string::npos ? "il2trial parameters: error: " : "") << e << "\n";
      status = 1;
      return;
    }
    std::cout << report::parameter_table_markdown(ml.model->parameters);
    status = 0;
  });
}

}  // namespace il2t::cli
