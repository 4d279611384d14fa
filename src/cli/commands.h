#pragma once
// The il2trial subcommands. Each adds itself to the app; its callback stores the
// process exit status in `status` (0 ok, 1 invalid input, 2 usage).
#include <CLI/CLI.hpp>

namespace il2t::cli {

void add_validate(CLI::App& app, int& status);
void add_show(CLI::App& app, int& status);
void add_schedule(CLI::App& app, int& status);
void add_randomise(CLI::App& app, int& status);
void add_screen(CLI::App& app, int& status);
void add_fields(CLI::App& app, int& status);
void add_measures(CLI::App& app, int& status);
void add_stats(CLI::App& app, int& status);
void add_patient(CLI::App& app, int& status);
void add_parameters(CLI::App& app, int& status);
void add_simulate(CLI::App& app, int& status);  // simulate and merge
void add_check_model(CLI::App& app, int& status);
void add_calibrate(CLI::App& app, int& status);
void add_analyze(CLI::App& app, int& status);

}  // namespace il2t::cli
