#pragma once
// Running the real `descent` binary from tests, as a user would.
#include <string>
#include <vector>

namespace descent::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs DESCENT_EXE with `args` (each passed as one argument) and captures both streams.
// `environment`: "NAME=value" to set, "-NAME" to unset.
ProcessResult run_descent(const std::vector<std::string>& args,
                          const std::vector<std::string>& environment = {});

// The same, with the shell's `stdout_redirect` in place of capturing stdout (">/dev/full",
// ">&-" to close it), after the shell commands `setup` ("ulimit -f 1; "); `out` stays empty.
ProcessResult run_descent_shell(const std::vector<std::string>& args,
                                const std::string& stdout_redirect, const std::string& setup = "");

std::string temp_directory();

}  // namespace descent::test
