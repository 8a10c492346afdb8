// `descent data --generate KIND`: a seeded dataset as CSV. Its flags are the generators' keys.
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "data_generators.hpp"
#include "text.hpp"

namespace descent {

void DataCommand::attach(CLI::App& app) {
  m_command = app.add_subcommand("data", "Generate a seeded dataset and write it as CSV");
  m_command->footer(
      "Example:\n"
      "  descent data --generate linear --n 500 --noise 1 --outliers 0.05 --seed 3 > line.csv\n"
      "  descent run --model linear --loss huber --data line.csv --start=-2,3 --opt adam:lr=0.1 "
      "--steps 300\n"
      "`descent list` describes every generator and key.");
  m_command->add_option("--generate", m_kind, "Kind of data: " + join(generators().names()))
      ->type_name("KIND")
      ->required();
  // One flag per key of any generator, with its help and where it applies.
  std::map<std::string, std::pair<std::string, std::vector<std::string>>> keys;
  for (const auto& g : generators())
    for (const auto& p : g.params) {
      auto& entry = keys[p.key];
      if (entry.first.empty())
        entry.first = p.help;
      else if (entry.first != p.help)
        entry.first = "what it means depends on the kind: see descent list";
      entry.second.push_back(g.name);
    }
  for (const auto& [key, entry] : keys) {
    std::string where =
        entry.second.size() == generators().size() ? "" : " (" + join(entry.second) + ")";
    m_command->add_option("--" + key, m_values[key], entry.first + where)->type_name("V");
  }
  m_command->add_option("--out", m_out, "Write to this file (atomically) instead of stdout")
      ->type_name("FILE")
      ->check(file_name());
}

int DataCommand::execute() {
  Choice choice{m_kind, {}};
  for (const auto& [key, text] : m_values) {
    if (text.empty()) continue;
    double value = 0;
    if (!parse_number(text, value))
      throw std::invalid_argument(cat("--", key, ": '", text, "' is not a number"));
    choice.params[key] = value;
  }
  std::string csv = dataset_to_csv(generate_dataset(choice));
  if (m_out.empty())
    std::cout << csv << std::flush;
  else
    write_file_atomically(m_out, csv);
  return 0;
}

}  // namespace descent
