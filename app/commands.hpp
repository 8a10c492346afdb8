#pragma once
// The subcommands: each attaches its options to the CLI11 app and executes when chosen.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scenario_arguments.hpp"

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
  ScenarioArguments m_args;
  std::string m_format = "csv", m_out;
  bool m_evals = false;
  double m_every = 1;    // a whole number; a double so that 1e6 reads
  double m_threads = 0;  // the same: 1e1 reads as --every's 1e6 does
};

class RenderCommand final : public Command {
 public:
  void attach(CLI::App& app) override;
  int execute() override;

 private:
  ScenarioArguments m_args;
  std::string m_size = "1200x900", m_out;
  double m_fps = 15, m_seconds = 5;  // fps a whole number; a double so that 2.5 is named
};

class DataCommand final : public Command {
 public:
  void attach(CLI::App& app) override;
  int execute() override;

 private:
  std::string m_kind, m_out;
  std::map<std::string, std::string> m_values;  // generator key -> text as given
};

class MapCommand final : public Command {
 public:
  void attach(CLI::App& app) override;
  int execute() override;

 private:
  ScenarioArguments m_args;
  std::string m_grid = "128x128", m_format = "csv", m_out;
  double m_threads = 0;
};

class SweepCommand final : public Command {
 public:
  void attach(CLI::App& app) override;
  int execute() override;

 private:
  ScenarioArguments m_args;
  std::vector<std::string> m_vary;
  std::string m_format = "csv", m_out;
  double m_threads = 0;
};

class ListCommand final : public Command {
 public:
  void attach(CLI::App& app) override;
  int execute() override;

 private:
  std::string m_what;  // one kind of thing, or "" for all
};

// What the spec text of --opt takes, from the registries: for help texts.
std::string spec_help();

}  // namespace descent
