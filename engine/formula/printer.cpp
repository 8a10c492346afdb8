#include "printer.hpp"

#include <cmath>

#include "text.hpp"

namespace descent::formula {
namespace {

// Binding strength, loosest first.
enum Level { kSum = 1, kProduct = 2, kSign = 3, kPower = 4, kAtom = 5 };

// Printing gives up beyond this depth (a stack bound; no parsed formula comes near it).
constexpr int kMaxDepth = 4000;

struct Stop {};

class Printer {
 public:
  Printer(const Expression& e, std::size_t max_length) : m_e(e), m_max(max_length) {}

  Printed run(NodeId root) {
    try {
      print(root, 0);
      return {std::move(m_out), true};
    } catch (const Stop&) {
      return {std::move(m_out), false};
    }
  }

 private:
  Level level(NodeId id) const {
    const Node& n = m_e[id];
    switch (n.kind) {
      case Kind::add:
      case Kind::sub:
        return kSum;
      case Kind::mul:
      case Kind::div:
        return kProduct;
      case Kind::neg:
        return kSign;
      case Kind::pow:
        return kPower;
      case Kind::number:
        return n.value < 0 || (n.value == 0 && std::signbit(n.value)) ? kSign : kAtom;
      default:
        return kAtom;
    }
  }

  void put(std::string_view s) {
    if (m_out.size() + s.size() > m_max) throw Stop{};
    m_out += s;
  }

  // Whether the text of `id` starts with a minus sign.
  bool signed_start(NodeId id) const {
    for (;;) {
      const Node& n = m_e[id];
      if (level(id) == kSign) return true;
      if (n.kind != Kind::mul && n.kind != Kind::div && n.kind != Kind::add && n.kind != Kind::sub)
        return false;
      if (level(n.a) == kSum && n.kind != Kind::add && n.kind != Kind::sub) return false;
      id = n.a;
    }
  }

  void operand(NodeId id, bool parenthesize, int depth) {
    if (parenthesize) put("(");
    print(id, depth + 1);
    if (parenthesize) put(")");
  }

  void print(NodeId id, int depth) {
    if (depth > kMaxDepth) throw Stop{};
    const Node& n = m_e[id];
    switch (n.kind) {
      case Kind::number:
        put(format_number(n.value));
        return;
      case Kind::x:
        put("x");
        return;
      case Kind::y:
        put("y");
        return;
      case Kind::pi:
        put("pi");
        return;
      case Kind::e:
        put("e");
        return;
      case Kind::neg:
        put("-");
        // -a*b reads as (-a)*b, the same number; a sum or another sign needs parentheses.
        operand(n.a, level(n.a) == kSum || level(n.a) == kSign, depth);
        return;
      case Kind::add:
      case Kind::sub:
        operand(n.a, false, depth);
        put(n.kind == Kind::add ? " + " : " - ");
        operand(n.b, n.kind == Kind::sub && level(n.b) == kSum, depth);
        return;
      case Kind::mul:
      case Kind::div: {
        operand(n.a, level(n.a) == kSum, depth);
        put(n.kind == Kind::mul ? "*" : "/");
        const Level right = level(n.b);
        // a/(b*c) is not a/b*c; a*(b/c) is a*b/c, but a*(-b*c) reads better than a*-b*c.
        operand(n.b,
                right == kSum || signed_start(n.b) || (n.kind == Kind::div && right == kProduct),
                depth);
        return;
      }
      case Kind::pow:
        // The base binds tighter than anything but an atom: (-x)^2, (x^2)^3, (2*x)^2.
        operand(n.a, level(n.a) != kAtom, depth);
        put("^");
        // The exponent may be signed (x^-1) and is right-associative (x^y^2).
        operand(n.b, level(n.b) <= kProduct, depth);
        return;
      case Kind::call:
        put(function_name(n.fn));
        put("(");
        print(n.a, depth + 1);
        if (n.b != kNoNode) {
          put(", ");
          print(n.b, depth + 1);
        }
        put(")");
        return;
    }
  }

  const Expression& m_e;
  std::size_t m_max;
  std::string m_out;
};

}  // namespace

Printed print(const Expression& e, NodeId root, std::size_t max_length) {
  return Printer(e, max_length).run(root);
}

}  // namespace descent::formula
