#include "cli.hpp"

#include <iostream>
#include <stdexcept>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace descent {

bool Command::chosen() const {
  return m_command && m_command->parsed();
}

int run_cli(int argc, char** argv) {
  CLI::App app{
      "Descent: watch gradient-descent optimizers race across loss surfaces.\n"
      "Without a command: the visualizer. With one: the same engine, headless."};
  app.name("descent");
  app.require_subcommand(0, 1);
  app.get_formatter()->column_width(32);
  // A repeated single-valued option takes its last value, as in most Unix tools.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

  RunCommand run;
  ListCommand list;
  const std::vector<Command*> commands{&run, &list};
  for (Command* command : commands) command->attach(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "descent: error: " << e.what() << " (see descent --help)\n";
    return 2;
  }

  try {
    for (Command* command : commands)
      if (command->chosen()) return command->execute();
    std::cout << app.help();
    return 0;
  } catch (const std::invalid_argument& e) {
    std::cerr << "descent: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "descent: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace descent
