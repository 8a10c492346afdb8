// `descent list`: every kind of thing there is, generated from the registries.
#include <algorithm>
#include <functional>
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "batches.hpp"
#include "clip.hpp"
#include "commands.hpp"
#include "data_generators.hpp"
#include "formula.hpp"
#include "formula_examples.hpp"
#include "lessons.hpp"
#include "model_registry.hpp"
#include "models/activation.hpp"
#include "optimizer_registry.hpp"
#include "schedule.hpp"
#include "surfaces.hpp"
#include "text.hpp"

namespace descent {
namespace {

const std::string kIndent(20, ' ');

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

// A registry's entries: name and description, then what `more` adds, then their keys.
void print_entries(std::ostream& out, const AnyRegistry& registry,
                   const std::function<void(const Entry&)>& more = {}) {
  for (const Entry* e : registry.entries()) {
    out << "  " << column(e->name, 18) << e->description << "\n";
    if (more) more(*e);
    print_params(out, e->params);
  }
}

void print_objective(std::ostream& out, const ObjectiveInfo& info) {
  out << kIndent << "f(x, y) = " << info.formula << "\n";
  if (!info.df_dx.empty())
    out << kIndent << "∂f/∂x = " << info.df_dx << "\n" << kIndent << "∂f/∂y = " << info.df_dy << "\n";
  out << kIndent << "view [" << info.view.x_min << ", " << info.view.x_max << "] x ["
      << info.view.y_min << ", " << info.view.y_max << "], start " << point_text(info.start) << "\n";
  for (const auto& c : info.critical_points)
    out << kIndent << to_string(c.kind) << " at " << point_text(c.at)
        << ", f = " << format_number(c.value) << "\n";
}

struct Section {
  const char* name;     // what `descent list NAME` takes
  const char* heading;  // with how to use it
  std::function<void(std::ostream&)> print;
};

std::vector<Section> sections() {
  return {
      {"surfaces", "SURFACES  (--surface NAME)",
       [](std::ostream& out) {
         print_entries(out, surfaces(), [&](const Entry& e) {
           print_objective(out, surfaces().find(e.name).make({})->info());
         });
       }},
      {"formulas", "FORMULAS  (--formula TEXT [--box X0,X1,Y0,Y1])",
       [](std::ostream& out) {
         // The syntax's first line; the functions one by one below.
         const std::string syntax = formula_syntax_help();
         out << "  " << syntax.substr(0, syntax.find('\n')) << "\n  Functions:\n";
         print_entries(out, formula_functions());
         out << "  Examples:\n";
         print_entries(out, formula_examples(), [&](const Entry& e) {
           const FormulaSpec spec = formula_examples().find(e.name).make({});
           print_objective(out, make_formula_objective(spec.text, spec.box)->info());
         });
       }},
      {"models", "MODELS  (--model NAME[:key=value] with --data FILE.csv or --generate NAME)",
       [](std::ostream& out) {
         print_entries(out, models(), [&](const Entry& e) {
           const ModelInfo& m = models().find(e.name);
           std::vector<std::string> names;
           for (const auto& l : losses())
             if (suits(l, m)) names.push_back(l.name);
           if (m.network)
             out << kIndent << "parameters: every weight and bias (--layers, default "
                 << NetworkSpec{}.layers << "; --activation " << join(activations().names())
                 << "), drawn on a plane (--plane pca|random); --start P0,P1,... or --init-seed K\n";
           else
             out << kIndent << "parameters " << m.param_x << ", " << m.param_y;
           out << (m.network ? kIndent : "; ") << "prediction z = " << m.prediction << "; losses "
               << join(names) << " (default " << names.front() << ")\n";
         });
       }},
      {"losses", "LOSSES  (--loss NAME[:key=value]; r = prediction - y)",
       [](std::ostream& out) {
         print_entries(out, losses(), [&](const Entry& e) {
           const LossInfo& l = losses().find(e.name);
           out << kIndent << "per sample: " << l.formula
               << (l.task == Task::classification ? "  (labels 0 and 1)" : "") << "\n";
         });
       }},
      {"penalties", "PENALTIES  (--penalty NAME[:key=value]; never on a bias)",
       [](std::ostream& out) { print_entries(out, penalties()); }},
      {"generators", "DATA GENERATORS  (--generate NAME[:key=value,...], descent data)",
       [](std::ostream& out) {
         print_entries(out, generators(), [&](const Entry& e) {
           const GeneratorInfo& g = generators().find(e.name);
           out << kIndent << (g.features == 2 ? "features x1, x2" : "feature x")
               << (g.binary ? "; labels 0 and 1" : "") << "\n";
         });
       }},
      {"optimizers", "OPTIMIZERS  (--opt NAME:key=value,...)   key, default, allowed values, meaning",
       [](std::ostream& out) {
         print_entries(out, optimizers(), [&](const Entry& e) {
           out << kIndent << "(" << optimizers().find(e.name).reference << ")\n";
         });
       }},
      {"schedules", "SCHEDULES  (add schedule=NAME and its keys to an --opt spec)",
       [](std::ostream& out) { print_entries(out, schedules()); }},
      {"clipping", "GRADIENT CLIPPING  (add clip=NAME and its key to an --opt spec)",
       [](std::ostream& out) { print_entries(out, clips()); }},
      {"sampling", "SAMPLING  (--batch, --noise, --seed: every run; or a run's own in a scenario)",
       [](std::ostream& out) {
         out << "  " << sampling_info().description << "\n";
         print_params(out, sampling_info().params);
       }},
      {"lessons", "LESSONS  (descent --lesson NAME; descent run --lesson NAME)",
       [](std::ostream& out) {
         for (const auto& f : lesson_files()) {
           std::string title;
           try {
             title = load_scenario(f.path).lesson.title;
           } catch (const std::invalid_argument& e) {
             title = e.what();
           }
           out << "  " << column(f.name, 26) << title << "\n";
         }
       }},
  };
}

}  // namespace

std::string spec_help() {
  std::string text = "SPEC := NAME[:key=value[,key=value...]]   e.g. adam:lr=0.05,amsgrad=1\n";
  for (const auto& c : spec_components()) {
    std::vector<std::string> keys;
    for (const Entry* e : c.registry.entries())
      for (const auto& p : e->params)
        if (std::find(keys.begin(), keys.end(), p.key) == keys.end()) keys.push_back(p.key);
    text += cat("  ", c.key, "=", join(c.registry.names(), "|"), " with ", join(keys), ": ",
                c.description, "\n");
  }
  return text;
}

void ListCommand::attach(CLI::App& app) {
  std::vector<std::string> names;
  for (const auto& s : sections()) names.push_back(s.name);
  m_command = app.add_subcommand(
      "list", "List every kind of thing there is, with every key, default and range");
  m_command->add_option("what", m_what, "Only this kind: " + join(names))
      ->check(CLI::IsMember(names).description(""));
}

int ListCommand::execute() {
  bool first = true;
  for (const auto& s : sections()) {
    if (!m_what.empty() && m_what != s.name) continue;
    std::cout << (first ? "" : "\n") << s.heading << "\n";
    s.print(std::cout);
    first = false;
  }
  return 0;
}

}  // namespace descent
