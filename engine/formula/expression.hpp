#pragma once
// A formula's syntax tree, as parsed: nodes in one array, children by index.
//
// An array rather than owning pointers: trees thousands of levels deep (x+x+...+x) are freed
// without recursion, and derivatives share the subtrees they repeat (d(u·v) = du·v + u·dv
// refers to u and v, it does not copy them).
#include <cstdint>
#include <vector>

#include "functions.hpp"

namespace descent::formula {

enum class Kind : std::uint8_t { number, pi, e, x, y, neg, add, sub, mul, div, pow, call };

using NodeId = std::int32_t;
constexpr NodeId kNoNode = -1;

// Which variables a subtree depends on.
enum VariableMask : std::uint8_t { kUsesX = 1, kUsesY = 2 };

struct Node {
  Kind kind = Kind::number;
  Fn fn = Fn::sin;        // call
  std::uint8_t uses = 0;  // VariableMask bits of the subtree
  double value = 0;       // number
  NodeId a = kNoNode;     // operand; the first argument of a call
  NodeId b = kNoNode;     // the second operand or argument
};

class Expression {
 public:
  // Appends a node whose operands are already in; fills in `uses`.
  NodeId add(Node node) {
    node.uses = node.kind == Kind::x ? kUsesX : node.kind == Kind::y ? kUsesY : 0;
    if (node.a != kNoNode) node.uses |= m_nodes[node.a].uses;
    if (node.b != kNoNode) node.uses |= m_nodes[node.b].uses;
    m_nodes.push_back(node);
    return static_cast<NodeId>(m_nodes.size() - 1);
  }
  const Node& operator[](NodeId id) const { return m_nodes[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return m_nodes.size(); }

  NodeId root = kNoNode;

 private:
  std::vector<Node> m_nodes;
};

inline bool is_binary(Kind k) {
  return k == Kind::add || k == Kind::sub || k == Kind::mul || k == Kind::div || k == Kind::pow;
}

}  // namespace descent::formula
