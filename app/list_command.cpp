// `descent list`: every surface, model, optimizer, schedule and key, from the registries.
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "data_generators.hpp"
#include "model_registry.hpp"
#include "optimizer_registry.hpp"
#include "schedule.hpp"
#include "surfaces.hpp"
#include "text.hpp"

namespace descent {
namespace {

std::string point_text(const Vec2& p) {
  return cat("(", p.x(), ", ", p.y(), ")");
}

// `text` padded to `width`, and always followed by two spaces: a long entry pushes the rest of
// the line right instead of running into it.
std::string column(const std::string& text, std::size_t width) {
  return text + std::string(text.size() + 2 > width ? 2 : width - text.size(), ' ');
}

void print_params(std::ostream& out, const std::vector<ParamSpec>& params) {
  for (const auto& p : params) {
    std::string value = p.required() ? "required" : format_number(p.default_value);
    out << "    " << column(p.key, 26) << column(value, 10) << column(p.range_text(), 30) << p.help
        << (p.log_scale ? " [log scale]" : "") << "\n";
  }
}

}  // namespace

void ListCommand::attach(CLI::App& app) {
  m_command = app.add_subcommand(
      "list", "List surfaces, models and optimizers with every key, default and range");
}

int ListCommand::execute() {
  std::ostream& out = std::cout;
  out << "SURFACES  (--surface NAME)\n";
  for (const auto& s : surfaces()) {
    const ObjectiveInfo& info = s->info();
    out << "  " << column(info.name, 18) << info.description << "\n"
        << std::string(20, ' ') << "f(x, y) = " << info.formula << "\n"
        << std::string(20, ' ') << "view [" << info.view.x_min << ", " << info.view.x_max << "] x ["
        << info.view.y_min << ", " << info.view.y_max << "], start " << point_text(info.start)
        << "\n";
    for (const auto& c : info.critical_points)
      out << std::string(20, ' ') << to_string(c.kind) << " at " << point_text(c.at)
          << ", f = " << format_number(c.value) << "\n";
  }
  out << "\nMODELS  (--model NAME --data FILE.csv [--loss NAME] [--l2 L | --l1 L] "
         "[--standardize])\n";
  for (const auto& m : models()) {
    std::vector<std::string> names;
    for (LossKind k : m.losses) names.push_back(loss_info(k).name);
    out << "  " << column(m.name, 18) << m.description << "\n"
        << std::string(20, ' ') << "parameters " << m.param_x << ", " << m.param_y
        << "; prediction z = " << m.prediction << "; losses " << join(names) << " (default "
        << names.front() << ")\n";
  }
  out << "\nLOSSES  (--loss NAME; r = prediction - y)\n";
  for (const auto& l : losses())
    out << "  " << column(l.name, 18) << l.description << ": " << l.formula << "\n";
  out << "\nDATA GENERATORS  (descent data --generate NAME [--key value ...])\n";
  for (const auto& g : generators()) {
    out << "  " << g.name << ": " << g.description
        << (g.features == 2 ? " (features x1, x2)" : " (feature x)") << "\n";
    print_params(out, g.params);
  }
  out << "\nOPTIMIZERS  (--opt NAME:key=value,...)   key, default, allowed values, meaning\n";
  for (const auto& o : optimizers()) {
    out << "  " << o.name << ": " << o.description << "\n    (" << o.reference << ")\n";
    print_params(out, o.params);
  }
  out << "\nSCHEDULES  (add schedule=NAME and its keys to an --opt spec)\n";
  for (const auto& s : schedules()) {
    out << "  " << s.name << ": " << s.description << "\n";
    print_params(out, s.params);
  }
  out << "\nGRADIENT CLIPPING  (add to an --opt spec; one of)\n"
      << "    clip_norm=M    scale the gradient down to norm M when it is longer "
         "(clip_grad_norm_)\n"
      << "    clip_value=M   clamp each gradient component to [-M, M] (clip_grad_value_)\n";
  return 0;
}

}  // namespace descent
