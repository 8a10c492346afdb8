#pragma once
// Builds expressions with local simplifications, for derivatives a person can read: constant
// folding, x+0, 0*x, 1*x, x^1, x^0, -(-a), a-(-b), c1*(c2*a), constants first in products.
// Nothing is expanded. Equal subtrees get the same node (hash-consing), so x - x is 0.
#include <cstddef>
#include <map>
#include <stdexcept>
#include <tuple>

#include "expression.hpp"

namespace descent::formula {

// Thrown when a built expression would exceed its node budget.
struct TooLarge : std::runtime_error {
  TooLarge() : std::runtime_error("expression too large") {}
};

class Builder {
 public:
  Builder(Expression& out, std::size_t max_nodes) : m_out(out), m_max_nodes(max_nodes) {}

  NodeId number(double v);
  NodeId leaf(Kind kind);  // x, y, pi, e
  NodeId neg(NodeId a);
  NodeId add(NodeId a, NodeId b);
  NodeId sub(NodeId a, NodeId b);
  NodeId mul(NodeId a, NodeId b);
  NodeId div(NodeId a, NodeId b);
  NodeId pow(NodeId a, NodeId b);
  NodeId call(Fn fn, NodeId a, NodeId b = kNoNode);

  // Copies a node of another expression whose operands are already copied (to `a`, `b`).
  NodeId copy(const Node& node, NodeId a, NodeId b);

  const Node& operator[](NodeId id) const { return m_out[id]; }

 private:
  NodeId make(Node node);
  bool is_number(NodeId id) const { return m_out[id].kind == Kind::number; }
  bool is_number(NodeId id, double v) const { return is_number(id) && m_out[id].value == v; }
  bool is_negative_number(NodeId id) const { return is_number(id) && m_out[id].value < 0; }
  // c·u with c a negative number: the sign can move to the operator before it.
  bool is_negative_product(NodeId id) const;
  // (c·u)/w or c/w with c a negative number: likewise.
  bool is_negative_quotient(NodeId id) const {
    const Node& n = m_out[id];
    return n.kind == Kind::div && (is_negative_number(n.a) || is_negative_product(n.a));
  }
  // Variables, constants and their powers: what reads best first in a product (x*(y - 1)).
  bool is_simple_factor(NodeId id) const;
  NodeId merged_powers(NodeId a, NodeId b);
  // A folded constant, or kNoNode when folding would give an infinity or NaN (which no
  // formula can spell) or a number too long to read.
  NodeId folded(double v);

  Expression& m_out;
  std::size_t m_max_nodes;
  std::map<std::tuple<int, int, std::uint64_t, NodeId, NodeId>, NodeId> m_interned;
};

}  // namespace descent::formula
