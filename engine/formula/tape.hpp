#pragma once
// A formula compiled to a flat tape of instructions over registers, evaluated on doubles, on
// Jet<1> (value and gradient) and on Jet<2> (and the Hessian), one point at a time or a block
// of points per instruction.
//
// Evaluation follows the text: no reassociation, constants folded only where the whole
// subtree is constant (2*pi*x is (2*pi)*x, as C++ reads 2.0 * kPi * x), and each operation is
// the one jet.hpp gives the built-in surfaces (sqr for ^2, c - u, c * u, u / c), so a formula
// written like a built-in surface gives its numbers bit for bit. Identical subexpressions are
// computed once; the same operations give the same bits either way.
#include <cstdint>
#include <span>
#include <vector>

#include "expression.hpp"
#include "jet.hpp"
#include "types.hpp"

namespace descent::formula {

enum class Op : std::uint8_t {
  constant,  // d = c
  neg,
  add,
  sub,
  mul,
  div,
  add_c,   // a + c
  mul_c,   // c * a
  sub_rc,  // a - c
  sub_cr,  // c - a
  div_rc,  // a / c
  div_cr,  // c / a
  sqr,     // a^2
  powi,    // a^n, n = c an integer (jet.hpp's integer_power)
  pow_rc,  // a^c
  pow_cr,  // c^a
  pow,     // a^b
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
  max
};

struct Instruction {
  Op op;
  std::uint16_t dst, a, b;  // registers; x and y are registers 0 and 1
  double c;                 // the constant operand
};

class Tape {
 public:
  // What compiling makes.
  struct Parts {
    std::vector<Instruction> code;
    int registers = 2;
    bool result_is_constant = false;  // the formula is the constant `constant`
    double constant = 0;
    std::uint16_t result = 0;  // else the register holding the result
  };

  // Compiles the tree; its size is bounded by kMaxFormulaNodes, so registers fit 16 bits.
  static Tape compile(const Expression& e);

  // The formula at (x, y) on T: double, Jet<1> (and the gradient) or Jet<2> (and the Hessian).
  template <class T>
  T evaluate(double x, double y) const;
  // Values at many points: each instruction runs over a block of points.
  void values(std::span<const Vec2> points, std::span<double> out) const;

  std::span<const Instruction> code() const { return m_code.code; }
  int registers() const { return m_code.registers; }
  // Estimated nanoseconds per point of values() and of evaluate<Jet<1>>().
  double value_nanoseconds() const;
  double gradient_nanoseconds() const;

 private:
  template <class T>
  void run(double* r) const;
  void run_block(double* r, std::size_t n) const;

  Parts m_code;
};

extern template double Tape::evaluate(double, double) const;
extern template Jet<1> Tape::evaluate(double, double) const;
extern template Jet<2> Tape::evaluate(double, double) const;

}  // namespace descent::formula
