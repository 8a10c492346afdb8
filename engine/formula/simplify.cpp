#include "simplify.hpp"

#include <bit>
#include <cmath>

#include "jet.hpp"
#include "text.hpp"

namespace descent::formula {

NodeId Builder::make(Node node) {
  auto key = std::make_tuple(static_cast<int>(node.kind), static_cast<int>(node.fn),
                             std::bit_cast<std::uint64_t>(node.value), node.a, node.b);
  if (auto it = m_interned.find(key); it != m_interned.end()) return it->second;
  if (m_out.size() >= m_max_nodes) throw TooLarge();
  NodeId id = m_out.add(node);
  m_interned.emplace(key, id);
  return id;
}

NodeId Builder::folded(double v) {
  // 0.1 + 0.2 reads better than 0.30000000000000004, and 4/3 better than 1.3333333333333333.
  return std::isfinite(v) && format_number(v).size() <= 12 ? number(v) : kNoNode;
}

bool Builder::is_negative_product(NodeId id) const {
  const Node n = m_out[id];
  return n.kind == Kind::mul && is_negative_number(n.a);
}

bool Builder::is_simple_factor(NodeId id) const {
  const Node n = m_out[id];
  if (n.kind == Kind::x || n.kind == Kind::y || n.kind == Kind::pi || n.kind == Kind::e)
    return true;
  return n.kind == Kind::pow && (m_out[n.a].kind == Kind::x || m_out[n.a].kind == Kind::y) &&
         is_number(n.b);
}

NodeId Builder::number(double v) {
  return make({.kind = Kind::number, .value = v == 0 ? 0.0 : v});  // no -0: it prints as "-0"
}

NodeId Builder::leaf(Kind kind) {
  return make({.kind = kind});
}

NodeId Builder::copy(const Node& node, NodeId a, NodeId b) {
  switch (node.kind) {
    case Kind::number:
      return number(node.value);
    case Kind::x:
    case Kind::y:
    case Kind::pi:
    case Kind::e:
      return leaf(node.kind);
    case Kind::neg:
      return neg(a);
    case Kind::add:
      return add(a, b);
    case Kind::sub:
      return sub(a, b);
    case Kind::mul:
      return mul(a, b);
    case Kind::div:
      return div(a, b);
    case Kind::pow:
      return pow(a, b);
    case Kind::call:
      return call(node.fn, a, b);
  }
  return kNoNode;
}

NodeId Builder::neg(NodeId a) {
  const Node n = m_out[a];
  if (n.kind == Kind::number) return number(-n.value);
  if (n.kind == Kind::neg) return n.a;
  if (n.kind == Kind::mul && is_number(n.a)) return mul(number(-m_out[n.a].value), n.b);
  if (n.kind == Kind::div && is_number(n.a)) return div(number(-m_out[n.a].value), n.b);
  if (n.kind == Kind::sub) return sub(n.b, n.a);
  return make({.kind = Kind::neg, .a = a});
}

NodeId Builder::add(NodeId a, NodeId b) {
  if (is_number(a) && is_number(b))
    if (NodeId f = folded(m_out[a].value + m_out[b].value); f != kNoNode) return f;
  if (is_number(a, 0)) return b;
  if (is_number(b, 0)) return a;
  if (a == b) return mul(number(2), a);
  const Node nb = m_out[b];
  if (is_negative_number(b)) return sub(a, number(-nb.value));
  if (nb.kind == Kind::neg) return sub(a, nb.a);
  if (is_negative_product(b)) return sub(a, mul(number(-m_out[nb.a].value), nb.b));
  if (is_negative_quotient(b)) return sub(a, div(neg(nb.a), nb.b));
  if (m_out[a].kind == Kind::neg) return sub(b, m_out[a].a);
  if (is_negative_number(a)) return sub(b, number(-m_out[a].value));  // y - 1, not -1 + y
  return make({.kind = Kind::add, .a = a, .b = b});
}

NodeId Builder::sub(NodeId a, NodeId b) {
  if (is_number(a) && is_number(b))
    if (NodeId f = folded(m_out[a].value - m_out[b].value); f != kNoNode) return f;
  if (is_number(b, 0)) return a;
  if (is_number(a, 0)) return neg(b);
  if (a == b) return number(0);
  const Node nb = m_out[b];
  if (is_negative_number(b)) return add(a, number(-nb.value));
  if (nb.kind == Kind::neg) return add(a, nb.a);
  if (is_negative_product(b)) return add(a, mul(number(-m_out[nb.a].value), nb.b));
  if (is_negative_quotient(b)) return add(a, div(neg(nb.a), nb.b));
  return make({.kind = Kind::sub, .a = a, .b = b});
}

NodeId Builder::mul(NodeId a, NodeId b) {
  if (is_number(a) && is_number(b))
    if (NodeId f = folded(m_out[a].value * m_out[b].value); f != kNoNode) return f;
  if (is_number(a, 0) || is_number(b, 0)) return number(0);
  if (is_number(a, 1)) return b;
  if (is_number(b, 1)) return a;
  if (is_number(a, -1)) return neg(b);
  if (is_number(b, -1)) return neg(a);
  if (is_number(b) && !is_number(a)) return mul(b, a);  // constants first
  const Node na = m_out[a], nb = m_out[b];
  if (na.kind == Kind::neg) return neg(mul(na.a, b));
  if (nb.kind == Kind::neg) return neg(mul(a, nb.a));
  if (is_number(a)) {
    if (nb.kind == Kind::mul && is_number(nb.a))  // c1*(c2*u) = (c1·c2)*u
      if (NodeId f = folded(na.value * m_out[nb.a].value); f != kNoNode) return mul(f, nb.b);
    if (nb.kind == Kind::div && is_number(nb.a))  // c1*(c2/u) = (c1·c2)/u
      if (NodeId f = folded(na.value * m_out[nb.a].value); f != kNoNode) return div(f, nb.b);
    if (nb.kind == Kind::div && m_out[nb.b].kind == Kind::mul && is_number(m_out[nb.b].a)) {
      const Node bottom = m_out[nb.b];  // c1*(u/(c2*w)) = (c1/c2)*(u/w)
      if (NodeId f = folded(na.value / m_out[bottom.a].value); f != kNoNode)
        return mul(f, div(nb.a, bottom.b));
    }
    if (nb.kind == Kind::div && m_out[nb.a].kind == Kind::mul && is_number(m_out[nb.a].a)) {
      const Node top = m_out[nb.a];  // c1*(c2*u/w) = (c1·c2)*u/w
      if (NodeId f = folded(na.value * m_out[top.a].value); f != kNoNode)
        return div(mul(f, top.b), nb.b);
    }
  } else {
    if (nb.kind == Kind::mul && is_number(nb.a)) return mul(nb.a, mul(a, nb.b));
    if (na.kind == Kind::mul && is_number(na.a)) return mul(na.a, mul(na.b, b));
    if (a == b) return pow(a, number(2));
    if (NodeId merged = merged_powers(a, b); merged != kNoNode) return merged;
    if (is_simple_factor(b) && !is_simple_factor(a) && na.kind != Kind::mul) return mul(b, a);
  }
  return make({.kind = Kind::mul, .a = a, .b = b});
}

// u*u^n = u^(n+1), u^m*u^n = u^(m+n) for whole m and n; kNoNode when the factors differ.
NodeId Builder::merged_powers(NodeId a, NodeId b) {
  auto split = [&](NodeId id, NodeId& base, double& exponent) {
    const Node n = m_out[id];
    if (n.kind == Kind::pow && is_number(n.b) && m_out[n.b].value == std::floor(m_out[n.b].value)) {
      base = n.a, exponent = m_out[n.b].value;
    } else {
      base = id, exponent = 1;
    }
  };
  NodeId base_a, base_b;
  double m, n;
  split(a, base_a, m);
  split(b, base_b, n);
  if (base_a != base_b || std::abs(m + n) > 1e6) return kNoNode;
  return pow(base_a, number(m + n));
}

NodeId Builder::div(NodeId a, NodeId b) {
  if (is_number(a) && is_number(b))
    if (NodeId f = folded(m_out[a].value / m_out[b].value); f != kNoNode) return f;
  if (is_number(a, 0) && !is_number(b, 0)) return number(0);
  if (is_number(b, 1)) return a;
  if (is_number(b, -1)) return neg(a);
  if (a == b) return number(1);
  const Node na = m_out[a], nb = m_out[b];
  if (na.kind == Kind::neg) return neg(div(na.a, b));
  if (nb.kind == Kind::neg) return neg(div(a, nb.a));
  if (is_negative_number(b)) return neg(div(a, number(-nb.value)));
  if (na.kind == Kind::mul && is_number(na.a) && is_number(b))  // (c1*u)/c2 = (c1/c2)*u
    if (NodeId f = folded(m_out[na.a].value / nb.value); f != kNoNode) return mul(f, na.b);
  if (na.kind == Kind::mul && is_number(na.a) && nb.kind == Kind::mul && is_number(nb.a))
    if (NodeId f = folded(m_out[na.a].value / m_out[nb.a].value); f != kNoNode)
      return mul(f, div(na.b, nb.b));  // (c1*u)/(c2*w) = (c1/c2)*(u/w)
  return make({.kind = Kind::div, .a = a, .b = b});
}

NodeId Builder::pow(NodeId a, NodeId b) {
  if (is_number(a) && is_number(b))
    if (NodeId f = folded(pow_constant(m_out[a].value, m_out[b].value)); f != kNoNode) return f;
  if (is_number(b, 0)) return number(1);
  if (is_number(b, 1)) return a;
  if (is_number(a, 1)) return number(1);
  const Node na = m_out[a], nb = m_out[b];
  // (u^m)^n = u^(m·n) for integers m and n only: (u^2)^0.5 is |u|, not u.
  if (na.kind == Kind::pow && is_number(na.b) && is_number(b)) {
    double m = m_out[na.b].value, n = nb.value;
    if (m == std::floor(m) && n == std::floor(n) && std::abs(m * n) < 1e15)
      return pow(na.a, number(m * n));
  }
  return make({.kind = Kind::pow, .a = a, .b = b});
}

NodeId Builder::call(Fn fn, NodeId a, NodeId b) {
  const bool two = fn == Fn::min || fn == Fn::max;
  if (is_number(a) && (!two || is_number(b))) {
    // Fold only when the result is a whole number (cos(0) = 1, sqrt(4) = 2): sin(2) reads
    // better than 0.9092974268256817.
    double v = apply(fn, m_out[a].value, two ? m_out[b].value : 0);
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15) return number(v);
  }
  if (fn == Fn::log && m_out[a].kind == Kind::e) return number(1);
  return make({.kind = Kind::call, .fn = fn, .a = a, .b = two ? b : kNoNode});
}

}  // namespace descent::formula
