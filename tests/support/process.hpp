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

std::string temp_directory();

}  // namespace descent::test
