// il2trial: the command line. Thin by design: each subcommand parses its options,
// calls the library and prints; the library never exits or prints on its own.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "il2trial/version.h"

int main(int argc, char** argv) {
  CLI::App app{"il2trial: low-dose IL-2 trials as executable protocols.\n"
               "Protocol files are TOML (docs/protocol-format.md).",
                "il2trial"};  // named, so usage lines do not depend on the path it was run by
  app.set_version_flag("--version", std::string("il2trial ") + il2t::kVersion);
  app.require_subcommand(1);
  int status = 0;
  il2t::cli::add_validate(app, status);
  il2t::cli::add_show(app, status);
  il2t::cli::add_schedule(app, status);
  il2t::cli::add_randomise(app, status);
  il2t::cli::add_screen(app, status);
  il2t::cli::add_fields(app, status);
  il2t::cli::add_measures(app, status);
  il2t::cli::add_stats(app, status);
  il2t::cli::add_patient(app, status);
  il2t::cli::add_parameters(app, status);
  il2t::cli::add_simulate(app, status);
  il2t::cli::add_check_model(app, status);
  il2t::cli::add_calibrate(app, status);
  il2t::cli::add_analyze(app, status);
  if (argc > 1 && argv[1][0] != '-') {
    std::string names;
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      names += (names.empty() ? "" : ", ") + sub->get_name();
      known = known || sub->get_name() == argv[1];
    }
    if (!known) {
      std::cerr << "il2trial: unknown command \"" << argv[1] << "\" (commands: " << names << "; see --help)\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const std::exception& e) {
    // The library reports expected failures as values; anything thrown is a defect.
    std::cerr << "il2trial: internal error: " << e.what() << " (please report it with the command and its input)\n";
    return 3;
  }
  return status;
}
