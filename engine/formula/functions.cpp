#include "functions.hpp"

#include <cmath>

#include "formula.hpp"
#include "jet.hpp"
#include "text.hpp"

namespace descent::formula {
namespace {

constexpr FunctionDef kTable[] = {
    {"sin", Fn::sin, 1, "sine (radians)"},
    {"cos", Fn::cos, 1, "cosine (radians)"},
    {"tan", Fn::tan, 1, "tangent (radians)"},
    {"asin", Fn::asin, 1, "arcsine, in radians (argument in [-1, 1])"},
    {"acos", Fn::acos, 1, "arccosine, in radians (argument in [-1, 1])"},
    {"atan", Fn::atan, 1, "arctangent, in radians"},
    {"sinh", Fn::sinh, 1, "hyperbolic sine"},
    {"cosh", Fn::cosh, 1, "hyperbolic cosine"},
    {"tanh", Fn::tanh, 1, "hyperbolic tangent"},
    {"exp", Fn::exp, 1, "exponential, e^u"},
    {"log", Fn::log, 1, "natural logarithm"},
    {"ln", Fn::log, 1, "natural logarithm (the same as log)"},
    {"sqrt", Fn::sqrt, 1, "square root"},
    {"abs", Fn::abs, 1, "absolute value (a kink at 0)"},
    {"min", Fn::min, 2, "the smaller of two values (a kink where they are equal)"},
    {"max", Fn::max, 2, "the larger of two values (a kink where they are equal)"},
    {"pow", Fn::pow, 2, "pow(a, b) = a^b"},
};

}  // namespace

std::span<const FunctionDef> function_table() {
  return kTable;
}

const FunctionDef* find_function(std::string_view name) {
  for (const auto& f : kTable)
    if (f.name == name) return &f;
  return nullptr;
}

std::string_view function_name(Fn fn) {
  for (const auto& f : kTable)
    if (f.fn == fn) return f.name;
  return "?";
}

bool has_kinks(Fn fn) {
  return fn == Fn::abs || fn == Fn::min || fn == Fn::max || fn == Fn::sqrt;
}

double apply(Fn fn, double a, double b) {
  switch (fn) {
    case Fn::sin:
      return std::sin(a);
    case Fn::cos:
      return std::cos(a);
    case Fn::tan:
      return std::tan(a);
    case Fn::asin:
      return std::asin(a);
    case Fn::acos:
      return std::acos(a);
    case Fn::atan:
      return std::atan(a);
    case Fn::sinh:
      return std::sinh(a);
    case Fn::cosh:
      return std::cosh(a);
    case Fn::tanh:
      return std::tanh(a);
    case Fn::exp:
      return std::exp(a);
    case Fn::log:
      return std::log(a);
    case Fn::sqrt:
      return std::sqrt(a);
    case Fn::abs:
      return std::abs(a);
    case Fn::min:
      return min_value(a, b);
    case Fn::max:
      return max_value(a, b);
    case Fn::pow:
      return pow_constant(a, b);
  }
  return 0;
}

}  // namespace descent::formula

namespace descent {

const Registry<FormulaFunction>& formula_functions() {
  static const Registry<FormulaFunction> registry = [] {
    std::vector<FormulaFunction> entries;
    for (const auto& def : formula::function_table()) {
      FormulaFunction f;
      f.name = std::string(def.name);
      f.description = std::string(def.description);
      f.arity = def.arity;
      f.make = [fn = def.fn](const ParamValues&, double a, double b) {
        return formula::apply(fn, a, b);
      };
      entries.push_back(std::move(f));
    }
    return Registry<FormulaFunction>("formula function", std::move(entries));
  }();
  return registry;
}

std::string formula_syntax_help() {
  std::string functions;
  for (const auto& f : formula_functions()) {
    if (!functions.empty()) functions += ", ";
    functions += f.arity == 1 ? f.name : f.name + "(a, b)";
  }
  return "Operators + - * / ^ (or **), parentheses, implicit products (2x, 3sin(x), (x+1)(x-1)); "
         "constants pi, e.\nFunctions: " +
         functions + ".";
}

}  // namespace descent
