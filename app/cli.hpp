#pragma once
// The headless command line: `descent run`, `descent list`.

namespace descent {

// Returns the process exit code: 0 on success, 2 on bad input (after one line on stderr).
int run_cli(int argc, char** argv);

}  // namespace descent
