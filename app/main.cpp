// descent: no arguments opens the visualizer; a subcommand runs the engine headless.
#include "cli.hpp"

int main(int argc, char** argv) {
  return descent::run_cli(argc, argv);
}
