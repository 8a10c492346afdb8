#pragma once
// The function table behind formula_functions(): what each name in a formula calls.
#include <cstdint>
#include <span>
#include <string_view>

namespace descent::formula {

enum class Fn : std::uint8_t {
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  tanh,
  exp,
  log,
  sqrt,
  abs,
  min,
  max,
  pow
};

struct FunctionDef {
  std::string_view name;
  Fn fn;
  int arity;
  std::string_view description;  // one line
};

// In the order of formula_functions(); aliases (ln) follow what they stand for.
std::span<const FunctionDef> function_table();
// Null when no function has that name.
const FunctionDef* find_function(std::string_view name);
// The name a printed formula uses (log, not ln).
std::string_view function_name(Fn fn);
// Whether the function has points without a derivative (abs, min, max, sqrt at 0).
bool has_kinks(Fn fn);
// The function on doubles, exactly as the tape computes it (b unused by one-argument ones).
double apply(Fn fn, double a, double b);

}  // namespace descent::formula
