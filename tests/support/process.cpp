#include "process.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/wait.h>
#include <unistd.h>

namespace descent::test {
namespace {

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string temp_directory() {
  static const std::string dir = [] {
    char pattern[] = "/tmp/descent-test-XXXXXX";
    if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    return std::string(pattern);
  }();
  return dir;
}

namespace {

ProcessResult run(const std::vector<std::string>& args, const std::vector<std::string>& environment,
                  const std::string& stdout_redirect, const std::string& setup) {
  static int counter = 0;
  std::string base =
      temp_directory() + "/proc" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  std::string command = setup + "env";
  for (const auto& e : environment)
    command.append(" ").append(e[0] == '-' ? "-u " + quote(e.substr(1)) : quote(e));
  command.append(" ").append(quote(DESCENT_EXE));
  for (const auto& a : args) command.append(" ").append(quote(a));
  command.append(" ")
      .append(stdout_redirect.empty() ? ">" + base + ".out" : stdout_redirect)
      .append(" 2>")
      .append(base)
      .append(".err");
  int status = std::system(command.c_str());
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(base + ".out");
  result.err = slurp(base + ".err");
  return result;
}

}  // namespace

ProcessResult run_descent(const std::vector<std::string>& args,
                          const std::vector<std::string>& environment) {
  return run(args, environment, "", "");
}

ProcessResult run_descent_shell(const std::vector<std::string>& args,
                                const std::string& stdout_redirect, const std::string& setup) {
  return run(args, {}, stdout_redirect, setup);
}

}  // namespace descent::test
