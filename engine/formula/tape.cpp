#include "tape.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <numbers>
#include <tuple>

namespace descent::formula {
namespace {

// Points per block in values(): a register's block fits L1 with a few dozen registers.
constexpr std::size_t kBlock = 128;
// Doubles of registers a single point is evaluated in on the stack (32 registers of Jet<2>).
constexpr std::size_t kStackDoubles = 192;

Op op_for(Fn fn) {
  switch (fn) {
    case Fn::sin:
      return Op::sin;
    case Fn::cos:
      return Op::cos;
    case Fn::tan:
      return Op::tan;
    case Fn::asin:
      return Op::asin;
    case Fn::acos:
      return Op::acos;
    case Fn::atan:
      return Op::atan;
    case Fn::sinh:
      return Op::sinh;
    case Fn::cosh:
      return Op::cosh;
    case Fn::tanh:
      return Op::tanh;
    case Fn::exp:
      return Op::exp;
    case Fn::log:
      return Op::log;
    case Fn::sqrt:
      return Op::sqrt;
    case Fn::abs:
      return Op::abs;
    case Fn::min:
      return Op::min;
    case Fn::max:
      return Op::max;
    case Fn::pow:
      return Op::pow;
  }
  return Op::constant;
}

// [SECTION] compiling: folding, common subexpressions, dead code, registers
// A node's value while compiling: a constant, or the result of instruction `id` (0 and 1 are
// x and y).
struct Value {
  bool constant = false;
  double c = 0;
  int id = 0;
};

struct Ssa {
  Op op;
  int a = -1, b = -1;
  double c = 0;
};

class Compiler {
 public:
  Compiler() : m_ssa(2, Ssa{Op::constant}) {}  // placeholders for x and y

  Value node(const Node& n, const std::vector<Value>& v) {
    const Value a = n.a == kNoNode ? Value{} : v[n.a];
    const Value b = n.b == kNoNode ? Value{} : v[n.b];
    switch (n.kind) {
      case Kind::number:
        return constant(n.value);
      case Kind::pi:
        return constant(std::numbers::pi);
      case Kind::e:
        return constant(std::numbers::e);
      case Kind::x:
        return {false, 0, 0};
      case Kind::y:
        return {false, 0, 1};
      case Kind::neg:
        return a.constant ? constant(-a.c) : emit(Op::neg, a.id);
      case Kind::add:
        if (a.constant && b.constant) return constant(a.c + b.c);
        if (b.constant) return emit(Op::add_c, a.id, -1, b.c);
        if (a.constant) return emit(Op::add_c, b.id, -1, a.c);  // c + u: the same bits
        return emit(Op::add, a.id, b.id);
      case Kind::sub:
        if (a.constant && b.constant) return constant(a.c - b.c);
        if (b.constant) return emit(Op::sub_rc, a.id, -1, b.c);
        if (a.constant) return emit(Op::sub_cr, b.id, -1, a.c);
        return emit(Op::sub, a.id, b.id);
      case Kind::mul:
        if (a.constant && b.constant) return constant(a.c * b.c);
        if (b.constant) return emit(Op::mul_c, a.id, -1, b.c);
        if (a.constant) return emit(Op::mul_c, b.id, -1, a.c);
        return emit(Op::mul, a.id, b.id);
      case Kind::div:
        if (a.constant && b.constant) return constant(a.c / b.c);
        if (b.constant) return emit(Op::div_rc, a.id, -1, b.c);
        if (a.constant) return emit(Op::div_cr, b.id, -1, a.c);
        return emit(Op::div, a.id, b.id);
      case Kind::pow:
        if (a.constant && b.constant) return constant(pow_constant(a.c, b.c));
        if (b.constant) {
          if (!is_multiplied_power(b.c)) return emit(Op::pow_rc, a.id, -1, b.c);
          if (b.c == 0) return constant(1);  // integer_power(u, 0) is 1 for any u
          if (b.c == 1) return a;
          if (b.c == 2) return emit(Op::sqr, a.id);
          return emit(Op::powi, a.id, -1, b.c);
        }
        if (a.constant) return emit(Op::pow_cr, b.id, -1, a.c);
        return emit(Op::pow, a.id, b.id);
      case Kind::call:
        if (n.fn == Fn::min || n.fn == Fn::max) {
          if (a.constant && b.constant) return constant(apply(n.fn, a.c, b.c));
          return emit(op_for(n.fn), materialize(a), materialize(b));
        }
        if (a.constant) return constant(apply(n.fn, a.c, 0));
        return emit(op_for(n.fn), a.id);
    }
    return {};
  }

  Tape::Parts finish(Value result);

 private:
  static Value constant(double c) { return {true, c, -1}; }
  Value emit(Op op, int a, int b = -1, double c = 0) {
    auto key = std::make_tuple(static_cast<int>(op), a, b, std::bit_cast<std::uint64_t>(c));
    if (auto it = m_cse.find(key); it != m_cse.end()) return {false, 0, it->second};
    m_ssa.push_back({op, a, b, c});
    const int id = static_cast<int>(m_ssa.size() - 1);
    m_cse.emplace(key, id);
    return {false, 0, id};
  }
  int materialize(Value v) { return v.constant ? emit(Op::constant, -1, -1, v.c).id : v.id; }

  std::vector<Ssa> m_ssa;
  std::map<std::tuple<int, int, int, std::uint64_t>, int> m_cse;
};

}  // namespace

Tape::Parts Compiler::finish(Value result) {
  Tape::Parts parts;
  if (result.constant) {
    parts.result_is_constant = true;
    parts.constant = result.c;
    return parts;
  }
  const int count = static_cast<int>(m_ssa.size());
  // Dead code (a folded u^0 leaves u behind) and each value's last use.
  std::vector<bool> live(count, false);
  std::vector<int> last_use(count, -1);
  live[result.id] = true;
  last_use[result.id] = count;  // the result outlives the tape
  for (int i = count - 1; i >= 2; --i) {
    if (!live[i]) continue;
    for (int operand : {m_ssa[i].a, m_ssa[i].b})
      if (operand >= 0) {
        live[operand] = true;
        last_use[operand] = std::max(last_use[operand], i);
      }
  }
  // Registers: x and y keep 0 and 1; a result takes the lowest free register, and operands
  // free theirs only after it, so that no instruction writes a register it reads.
  std::vector<int> reg(count, -1);
  reg[0] = 0, reg[1] = 1;
  std::vector<int> free;  // kept sorted, lowest last
  int next = 2;
  for (int i = 2; i < count; ++i) {
    if (!live[i]) continue;
    if (free.empty()) {
      reg[i] = next++;
    } else {
      reg[i] = free.back();
      free.pop_back();
    }
    const Ssa& s = m_ssa[i];
    parts.code.push_back({s.op, static_cast<std::uint16_t>(reg[i]),
                          static_cast<std::uint16_t>(s.a >= 0 ? reg[s.a] : 0),
                          static_cast<std::uint16_t>(s.b >= 0 ? reg[s.b] : 0), s.c});
    for (int operand : {s.a, s.b})
      if (operand >= 2 && last_use[operand] == i &&
          std::find(free.begin(), free.end(), reg[operand]) == free.end()) {
        free.push_back(reg[operand]);
        std::sort(free.begin(), free.end(), std::greater<>());
      }
  }
  parts.registers = next;
  parts.result = static_cast<std::uint16_t>(reg[result.id]);
  return parts;
}

Tape Tape::compile(const Expression& e) {
  Compiler compiler;
  std::vector<Value> values(e.size());
  for (std::size_t i = 0; i < e.size(); ++i)
    values[i] = compiler.node(e[static_cast<NodeId>(i)], values);
  Tape tape;
  tape.m_code = compiler.finish(values[e.root]);
  return tape;
}

// [SECTION] evaluating one point
namespace {

inline double min_of(double a, double b) {
  return min_value(a, b);
}
inline double max_of(double a, double b) {
  return max_value(a, b);
}
template <int N>
inline Jet<N> min_of(const Jet<N>& a, const Jet<N>& b) {
  return min(a, b);
}
template <int N>
inline Jet<N> max_of(const Jet<N>& a, const Jet<N>& b) {
  return max(a, b);
}
inline double power(double a, double c) {
  return std::pow(a, c);
}
template <class A, class B>
inline auto power(const A& a, const B& b) {
  return pow(a, b);
}

// Registers are one array of doubles per field of T (value, gradient, Hessian), `stride`
// apart: an operation loads its operands into local jets, applies jet.hpp's function and
// stores the fields back. Every access is one double: no store is read back by a wider load
// (copying 48-byte jets through memory stalls store forwarding at every operation), and the
// Hessian fields of a Jet<1>, always zero, are never loaded or stored.
template <class T>
struct Fields {
  static constexpr int count = 1;
};
template <int N>
struct Fields<Jet<N>> {
  static constexpr int count = N == 1 ? 3 : 6;
};

// Per-thread registers for tapes too large for the stack; apart, so that the common path
// never pays for thread_local's initialisation check.
[[gnu::noinline]] double* scratch(std::size_t size) {
  thread_local std::vector<double> registers;
  if (registers.size() < size) registers.resize(size);
  return registers.data();
}

template <class T>
inline T load(const double* r, std::size_t stride, int k) {
  if constexpr (Fields<T>::count == 1) {
    return r[k];
  } else {
    T t;
    t.v = r[k], t.dx = r[stride + k], t.dy = r[2 * stride + k];
    if constexpr (Fields<T>::count == 6)
      t.dxx = r[3 * stride + k], t.dxy = r[4 * stride + k], t.dyy = r[5 * stride + k];
    return t;
  }
}

template <class T>
inline void store(double* r, std::size_t stride, int k, const T& t) {
  if constexpr (Fields<T>::count == 1) {
    r[k] = t;
  } else {
    r[k] = t.v, r[stride + k] = t.dx, r[2 * stride + k] = t.dy;
    if constexpr (Fields<T>::count == 6)
      r[3 * stride + k] = t.dxx, r[4 * stride + k] = t.dxy, r[5 * stride + k] = t.dyy;
  }
}

}  // namespace

template <class T>
void Tape::run(double* r) const {
  const auto stride = static_cast<std::size_t>(m_code.registers);
  for (const Instruction& in : m_code.code) {
    auto A = [&] { return load<T>(r, stride, in.a); };
    auto B = [&] { return load<T>(r, stride, in.b); };
    auto put = [&](const T& v) { store(r, stride, in.dst, v); };
    switch (in.op) {
      case Op::constant:
        put(T{in.c});
        break;
      case Op::neg:
        put(-A());
        break;
      case Op::add:
        put(A() + B());
        break;
      case Op::sub:
        put(A() - B());
        break;
      case Op::mul:
        put(A() * B());
        break;
      case Op::div:
        put(A() / B());
        break;
      case Op::add_c:
        put(A() + in.c);
        break;
      case Op::mul_c:
        put(in.c * A());
        break;
      case Op::sub_rc:
        put(A() - in.c);
        break;
      case Op::sub_cr:
        put(in.c - A());
        break;
      case Op::div_rc:
        put(A() / in.c);
        break;
      case Op::div_cr:
        put(in.c / A());
        break;
      case Op::sqr:
        put(sqr(A()));
        break;
      case Op::powi:
        put(integer_power(A(), static_cast<int>(in.c)));
        break;
      case Op::pow_rc:
        put(power(A(), in.c));
        break;
      case Op::pow_cr:
        put(power(in.c, A()));
        break;
      case Op::pow:
        put(power(A(), B()));
        break;
      case Op::sin:
        put(sin(A()));
        break;
      case Op::cos:
        put(cos(A()));
        break;
      case Op::tan:
        put(tan(A()));
        break;
      case Op::asin:
        put(asin(A()));
        break;
      case Op::acos:
        put(acos(A()));
        break;
      case Op::atan:
        put(atan(A()));
        break;
      case Op::sinh:
        put(sinh(A()));
        break;
      case Op::cosh:
        put(cosh(A()));
        break;
      case Op::tanh:
        put(tanh(A()));
        break;
      case Op::exp:
        put(exp(A()));
        break;
      case Op::log:
        put(log(A()));
        break;
      case Op::sqrt:
        put(sqrt(A()));
        break;
      case Op::abs:
        put(abs(A()));
        break;
      case Op::min:
        put(min_of(A(), B()));
        break;
      case Op::max:
        put(max_of(A(), B()));
        break;
    }
  }
}

template <class T>
T Tape::evaluate(double x, double y) const {
  if (m_code.result_is_constant) return T{m_code.constant};
  const auto stride = static_cast<std::size_t>(m_code.registers);
  const std::size_t size = stride * Fields<T>::count;
  // Uninitialised on purpose: every register is written before it is read.
  double stack[kStackDoubles];
  double* r = size <= kStackDoubles ? stack : scratch(size);
  r[0] = x, r[1] = y;
  if constexpr (Fields<T>::count > 1) {
    r[stride] = 1, r[stride + 1] = 0;          // d/dx
    r[2 * stride] = 0, r[2 * stride + 1] = 1;  // d/dy
    for (int f = 3; f < Fields<T>::count; ++f) r[f * stride] = r[f * stride + 1] = 0;
  }
  run<T>(r);
  return load<T>(r, stride, m_code.result);
}

template double Tape::evaluate(double, double) const;
template Jet<1> Tape::evaluate(double, double) const;
template Jet<2> Tape::evaluate(double, double) const;

// [SECTION] evaluating blocks of points
void Tape::run_block(double* r, std::size_t n) const {
  for (const Instruction& in : m_code.code) {
    double* __restrict d = r + in.dst * kBlock;
    const double* __restrict a = r + in.a * kBlock;
    const double* __restrict b = r + in.b * kBlock;
    const double c = in.c;
    switch (in.op) {
      case Op::constant:
        std::fill(d, d + n, c);
        break;
      case Op::neg:
        for (std::size_t i = 0; i < n; ++i) d[i] = -a[i];
        break;
      case Op::add:
        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] + b[i];
        break;
      case Op::sub:
        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] - b[i];
        break;
      case Op::mul:
        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] * b[i];
        break;
      case Op::div:
        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] / b[i];
        break;
      case Op::add_c:
        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] + c;
        break;
      case Op::mul_c:
        for (std::size_t i = 0; i < n; ++i) d[i] = c * a[i];
        break;
      case Op::sub_rc:
        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] - c;
        break;
      case Op::sub_cr:
        for (std::size_t i = 0; i < n; ++i) d[i] = c - a[i];
        break;
      case Op::div_rc:
        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] / c;
        break;
      case Op::div_cr:
        for (std::size_t i = 0; i < n; ++i) d[i] = c / a[i];
        break;
      case Op::sqr:
        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] * a[i];
        break;
      case Op::powi: {
        const int k = static_cast<int>(c);
        if (k == 3) {
          for (std::size_t i = 0; i < n; ++i) d[i] = a[i] * (a[i] * a[i]);
        } else if (k == 4) {
          for (std::size_t i = 0; i < n; ++i) d[i] = sqr(a[i] * a[i]);
        } else {
          for (std::size_t i = 0; i < n; ++i) d[i] = integer_power(a[i], k);
        }
        break;
      }
      case Op::pow_rc:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::pow(a[i], c);
        break;
      case Op::pow_cr:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::pow(c, a[i]);
        break;
      case Op::pow:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::pow(a[i], b[i]);
        break;
      case Op::sin:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::sin(a[i]);
        break;
      case Op::cos:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::cos(a[i]);
        break;
      case Op::tan:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::tan(a[i]);
        break;
      case Op::asin:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::asin(a[i]);
        break;
      case Op::acos:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::acos(a[i]);
        break;
      case Op::atan:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::atan(a[i]);
        break;
      case Op::sinh:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::sinh(a[i]);
        break;
      case Op::cosh:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::cosh(a[i]);
        break;
      case Op::tanh:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::tanh(a[i]);
        break;
      case Op::exp:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::exp(a[i]);
        break;
      case Op::log:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::log(a[i]);
        break;
      case Op::sqrt:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::sqrt(a[i]);
        break;
      case Op::abs:
        for (std::size_t i = 0; i < n; ++i) d[i] = std::abs(a[i]);
        break;
      case Op::min:
        for (std::size_t i = 0; i < n; ++i) d[i] = min_value(a[i], b[i]);
        break;
      case Op::max:
        for (std::size_t i = 0; i < n; ++i) d[i] = max_value(a[i], b[i]);
        break;
    }
  }
}

void Tape::values(std::span<const Vec2> points, std::span<double> out) const {
  thread_local std::vector<double> scratch;
  const std::size_t needed = static_cast<std::size_t>(m_code.registers) * kBlock;
  if (scratch.size() < needed) scratch.resize(needed);
  double* r = scratch.data();
  for (std::size_t start = 0; start < points.size(); start += kBlock) {
    const std::size_t n = std::min(kBlock, points.size() - start);
    for (std::size_t i = 0; i < n; ++i) {
      r[i] = points[start + i].x();
      r[kBlock + i] = points[start + i].y();
    }
    run_block(r, n);
    if (m_code.result_is_constant)
      std::fill(out.begin() + start, out.begin() + start + n, m_code.constant);
    else
      std::copy(r + m_code.result * kBlock, r + m_code.result * kBlock + n, out.begin() + start);
  }
}

// [SECTION] cost estimates
namespace {

// Nanoseconds per point of one instruction on the block path and on Jet<1>, measured with
// chains of each operation (x86-64, glibc 2.36 libm, this project's Release flags).
struct OpCost {
  double block, jet;
};

OpCost op_cost(Op op) {
  switch (op) {
    case Op::constant:
    case Op::neg:
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::add_c:
    case Op::mul_c:
    case Op::sub_rc:
    case Op::sub_cr:
    case Op::sqr:
    case Op::abs:
      return {0.35, 3};
    case Op::div:
    case Op::div_rc:
    case Op::div_cr:
      return {1.2, 3.5};
    case Op::powi:
    case Op::min:
    case Op::max:
      return {2, 3.5};
    case Op::sqrt:
      return {1.5, 5};
    case Op::exp:
    case Op::log:
      return {6, 8};
    case Op::asin:
    case Op::acos:
    case Op::atan:
      return {8, 10};
    case Op::sin:
    case Op::cos:
    case Op::tan:
      return {10, 13};
    case Op::sinh:
    case Op::cosh:
    case Op::tanh:
      return {12, 22};
    case Op::pow_rc:
    case Op::pow_cr:
    case Op::pow:
      return {12, 28};
  }
  return {1, 3};
}

}  // namespace

double Tape::value_nanoseconds() const {
  double ns = 0.5;  // loading and storing the points
  for (const auto& in : m_code.code) ns += op_cost(in.op).block;
  return ns;
}

double Tape::gradient_nanoseconds() const {
  double ns = 14;  // the call, setting up x and y, reading the result
  for (const auto& in : m_code.code) ns += op_cost(in.op).jet;
  return ns;
}

}  // namespace descent::formula
