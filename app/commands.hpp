#pragma once
// The subcommands: each attaches its options to the CLI11 app and executes when chosen.
#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace descent {

// A subcommand: adds its options to the app, and runs when the user chose it.
class Command {
 public:
  virtual ~Command() = default;
  virtual void attach(CLI::App& app) = 0;
  // Throws std::invalid_argument for bad input; returns the exit code otherwise.
  virtual int execute() = 0;
  bool chosen() const;

 protected:
  CLI::App* m_command = nullptr;
};

class RunCommand final : public Command {
 public:
  void attach(CLI::App& app) override;
  int execute() override;

 private:
  std::string m_surface, m_model, m_data, m_start, m_format = "csv", m_out;
  std::vector<std::string> m_opts;
  double m_steps = 0, m_every = 1;  // whole numbers; doubles so that 1e6 reads
  double m_tol = 0;
  unsigned m_threads = 0;
};

class ListCommand final : public Command {
 public:
  void attach(CLI::App& app) override;
  int execute() override;
};

}  // namespace descent
