#include "derivative.hpp"

#include <vector>

#include "printer.hpp"
#include "simplify.hpp"

namespace descent::formula {
namespace {

// Nodes a derivative may take before it is too large to be worth showing.
constexpr std::size_t kMaxDerivativeNodes = 50'000;

// d/dv f(a) (and f(a, b)) given the copied operands and their derivatives.
NodeId call_derivative(Builder& b, Fn fn, NodeId u, NodeId du, NodeId w, NodeId dw) {
  auto square = [&](NodeId t) { return b.pow(t, b.number(2)); };
  NodeId outer = kNoNode;  // f'(u)
  switch (fn) {
    case Fn::sin:
      outer = b.call(Fn::cos, u);
      break;
    case Fn::cos:
      outer = b.neg(b.call(Fn::sin, u));
      break;
    case Fn::tan:
      outer = b.add(b.number(1), square(b.call(Fn::tan, u)));
      break;
    case Fn::asin:
      outer = b.div(b.number(1), b.call(Fn::sqrt, b.sub(b.number(1), square(u))));
      break;
    case Fn::acos:
      outer = b.neg(b.div(b.number(1), b.call(Fn::sqrt, b.sub(b.number(1), square(u)))));
      break;
    case Fn::atan:
      outer = b.div(b.number(1), b.add(b.number(1), square(u)));
      break;
    case Fn::sinh:
      outer = b.call(Fn::cosh, u);
      break;
    case Fn::cosh:
      outer = b.call(Fn::sinh, u);
      break;
    case Fn::tanh:
      outer = b.sub(b.number(1), square(b.call(Fn::tanh, u)));
      break;
    case Fn::exp:
      outer = b.call(Fn::exp, u);
      break;
    case Fn::log:
      return b.div(du, u);
    case Fn::sqrt:
      return b.div(du, b.mul(b.number(2), b.call(Fn::sqrt, u)));
    case Fn::abs:
      outer = b.div(u, b.call(Fn::abs, u));  // the sign of u, away from 0
      break;
    case Fn::min:
    case Fn::max: {
      // min(u, w) = (u + w - |u - w|)/2 and max(u, w) = (u + w + |u - w|)/2; no formula
      // spells "if", so away from ties the derivative is written with the sign of u - w.
      NodeId diff = b.sub(u, w);
      NodeId sign = b.div(diff, b.call(Fn::abs, diff));
      NodeId spread = b.mul(sign, b.sub(du, dw));
      NodeId sum = fn == Fn::min ? b.sub(b.add(du, dw), spread) : b.add(b.add(du, dw), spread);
      return b.div(sum, b.number(2));
    }
    case Fn::pow:
      break;  // parsed as Kind::pow
  }
  return b.mul(outer, du);
}

}  // namespace

std::string derivative_text(const Expression& e, Wrt wrt, std::size_t max_length) {
  Expression out;
  Builder b(out, kMaxDerivativeNodes);
  const std::uint8_t mask = wrt == Wrt::x ? kUsesX : kUsesY;
  // Nodes come after their operands, so one pass in order copies (simplified) and
  // differentiates every node without recursion.
  std::vector<NodeId> copy(e.size()), d(e.size());
  try {
    for (std::size_t i = 0; i < e.size(); ++i) {
      const Node& n = e[static_cast<NodeId>(i)];
      NodeId u = n.a == kNoNode ? kNoNode : copy[n.a], w = n.b == kNoNode ? kNoNode : copy[n.b];
      copy[i] = b.copy(n, u, w);
      if (!(n.uses & mask)) {
        d[i] = b.number(0);
        continue;
      }
      NodeId du = n.a == kNoNode ? kNoNode : d[n.a], dw = n.b == kNoNode ? kNoNode : d[n.b];
      const bool a_varies = n.a != kNoNode && (e[n.a].uses & mask);
      const bool b_varies = n.b != kNoNode && (e[n.b].uses & mask);
      switch (n.kind) {
        case Kind::x:
        case Kind::y:
          d[i] = b.number(1);  // the variable itself: `uses` matched
          break;
        case Kind::neg:
          d[i] = b.neg(du);
          break;
        case Kind::add:
          d[i] = b.add(du, dw);
          break;
        case Kind::sub:
          d[i] = b.sub(du, dw);
          break;
        case Kind::mul:
          d[i] = !a_varies   ? b.mul(u, dw)
                 : !b_varies ? b.mul(du, w)
                             : b.add(b.mul(du, w), b.mul(u, dw));
          break;
        case Kind::div:
          d[i] = !b_varies   ? b.div(du, w)
                 : !a_varies ? b.neg(b.div(b.mul(u, dw), b.pow(w, b.number(2))))
                             : b.div(b.sub(b.mul(du, w), b.mul(u, dw)), b.pow(w, b.number(2)));
          break;
        case Kind::pow:
          if (!b_varies) {  // n·u^(n-1)·du
            NodeId lowered =
                b[w].kind == Kind::number ? b.number(b[w].value - 1) : b.sub(w, b.number(1));
            d[i] = b.mul(b.mul(w, b.pow(u, lowered)), du);
          } else if (!a_varies) {  // c^w·ln(c)·dw
            d[i] = b.mul(b.mul(copy[i], b.call(Fn::log, u)), dw);
          } else {  // u^w·(dw·ln(u) + w·du/u)
            d[i] = b.mul(copy[i], b.add(b.mul(dw, b.call(Fn::log, u)), b.div(b.mul(w, du), u)));
          }
          break;
        case Kind::call:
          d[i] = call_derivative(b, n.fn, u, du, w, dw);
          break;
        default:
          d[i] = b.number(0);
          break;
      }
    }
  } catch (const TooLarge&) {
    return "(too long to show)";
  }
  Printed printed = print(out, d[e.root], max_length);
  if (printed.complete) return printed.text;
  return printed.text + " ... (too long to show in full)";
}

}  // namespace descent::formula
