#pragma once
// Formulas the user types, f(x, y): parsed with exact positional errors, compiled to a tape
// evaluated on doubles and on the engine's jets (exact gradients and Hessians), differentiated
// symbolically for display, and wrapped as an Objective with its minima found numerically.
//
// Syntax (formula_syntax_help() says it in two lines): numbers (3, .5, 2., 1e-3), x, y, pi, e,
// + - * / and ^ or ** (right-associative power), unary signs, parentheses, the functions of
// formula_functions(), and implicit products where they are unambiguous: after a number (2x,
// 3sin(x), 100(y-x^2)), after ')' ((x+1)(x-1), (x)y, (x)2), x, y, pi or e before '(' (x(y+1)),
// pi or e before a name (2πx). Pasted forms: · × ⋅ for *, − for -, π for pi, ² ³ for ^2 ^3.
// Precedence, loosest first: + -, then * / and implicit products, then unary signs, then ^:
// -x^2 = -(x^2), 2^3^2 = 2^9, 2^-1 = 0.5.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "objective.hpp"
#include "registry.hpp"

namespace descent {

namespace formula {
struct Program;
}

// [SECTION] limits and errors
constexpr std::size_t kMaxFormulaLength = 2000;  // characters (code points)
constexpr int kMaxFormulaNesting = 100;          // parentheses, calls, signs and powers
constexpr std::size_t kMaxFormulaNodes = 1000;   // numbers, names and operations

// What is wrong with a formula and where: what() is "column 7: expected ')' ..." (columns count
// characters from 1), or the bare message for the whole text ("the formula is empty").
class FormulaError : public std::invalid_argument {
 public:
  FormulaError(std::size_t column, const std::string& message);
  // 1-based character position of the culprit; 0 when the whole text is at fault.
  std::size_t column() const { return m_column; }

 private:
  std::size_t m_column;
};

// [SECTION] the functions a formula may call
// A registry entry; `make` evaluates the function on doubles (the second argument is ignored
// by one-argument functions).
struct FormulaFunction : Info<double, double, double> {
  int arity = 1;
};

// sin, cos, ..., pow, in the order help texts list them.
const Registry<FormulaFunction>& formula_functions();

// Operators, constants and functions, in one or two lines for help texts and tooltips.
std::string formula_syntax_help();

// [SECTION] a parsed formula
enum class Variable { x, y };

// An immutable compiled formula; cheap to copy, safe to evaluate from many threads at once.
class Formula {
 public:
  // Throws FormulaError (and nothing else) for anything that is not a valid formula.
  static Formula parse(std::string_view text);

  // The text as typed, without surrounding whitespace.
  const std::string& text() const;

  double value(const Vec2& p) const;
  ValueGradient value_gradient(const Vec2& p) const;
  Mat2 hessian(const Vec2& p) const;
  // Values at many points at once (faster than one value() per point).
  void values(std::span<const Vec2> points, std::span<double> out) const;

  // The partial derivative as a formula the parser reads back, simplified; a truncated text
  // saying so when it is too long to show (over kMaxShownDerivative characters).
  std::string derivative_text(Variable v) const;
  // Whether the formula may have kinks (abs, min, max, sqrt, fractional powers).
  bool may_have_kinks() const;

  // Instructions on the compiled tape; what a value costs, roughly.
  std::size_t tape_length() const;
  // Estimated nanoseconds of one value on the block path (values()), and of one
  // value_gradient(), on the machine the engine was tuned on.
  double value_nanoseconds() const;
  double gradient_nanoseconds() const;

  static constexpr std::size_t kMaxShownDerivative = 400;

 private:
  explicit Formula(std::shared_ptr<const formula::Program> program);
  std::shared_ptr<const formula::Program> m_program;
};

// [SECTION] the objective
// The view of a formula when none is given: [-5, 5] x [-5, 5].
Box default_formula_box();

// An Objective from a typed formula: name "formula", the text as its formula, the symbolic
// gradient for display, `box` as its view (default_formula_box() when not given), a start
// inside the box away from any minimum, and the minima (and saddles) found numerically on the
// box. Throws FormulaError for the text and std::invalid_argument for a box that is not finite
// or empty.
std::shared_ptr<const Objective> make_formula_objective(std::string_view text,
                                                        std::optional<Box> box = std::nullopt);

}  // namespace descent
