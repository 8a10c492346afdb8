#pragma once
// Forward-mode automatic differentiation in two variables.
//
// A test surface is written once as a template over its number type; evaluating it on
// double gives the value, on Jet<1> the value and gradient, on Jet<2> also the Hessian.
// This keeps every formula in one place: its derivatives cannot drift from it.
//
// Non-smooth points follow one documented convention: at a kink the derivative is the one of
// the minimum-norm subgradient, i.e. abs'(0) = 0 and sqrt'(0) = 0 (sqrt(u) at u = 0 is the tip
// of a cone whose subdifferential contains 0).
#include <cmath>

namespace descent {

using std::abs;
using std::cos;
using std::exp;
using std::log;
using std::sin;
using std::sqrt;

inline double sqr(double a) {
  return a * a;
}

template <int Order>
struct Jet {
  static_assert(Order == 1 || Order == 2);
  double v = 0;                      // value
  double dx = 0, dy = 0;             // gradient
  double dxx = 0, dxy = 0, dyy = 0;  // Hessian (Order 2 only)

  static Jet variable_x(double x) { return {x, 1, 0}; }
  static Jet variable_y(double y) { return {y, 0, 1}; }
};

// f(a) from f(a.v), f'(a.v) and f''(a.v).
template <int N>
inline Jet<N> chain(const Jet<N>& a, double f0, double f1, double f2) {
  Jet<N> r{f0, f1 * a.dx, f1 * a.dy};
  if constexpr (N == 2) {
    r.dxx = f1 * a.dxx + f2 * a.dx * a.dx;
    r.dxy = f1 * a.dxy + f2 * a.dx * a.dy;
    r.dyy = f1 * a.dyy + f2 * a.dy * a.dy;
  }
  return r;
}

// [SECTION] arithmetic
template <int N>
inline Jet<N> operator-(const Jet<N>& a) {
  return {-a.v, -a.dx, -a.dy, -a.dxx, -a.dxy, -a.dyy};
}
template <int N>
inline Jet<N> operator+(const Jet<N>& a, const Jet<N>& b) {
  return {a.v + b.v, a.dx + b.dx, a.dy + b.dy, a.dxx + b.dxx, a.dxy + b.dxy, a.dyy + b.dyy};
}
template <int N>
inline Jet<N> operator-(const Jet<N>& a, const Jet<N>& b) {
  return {a.v - b.v, a.dx - b.dx, a.dy - b.dy, a.dxx - b.dxx, a.dxy - b.dxy, a.dyy - b.dyy};
}
template <int N>
inline Jet<N> operator*(const Jet<N>& a, const Jet<N>& b) {
  Jet<N> r{a.v * b.v, a.dx * b.v + a.v * b.dx, a.dy * b.v + a.v * b.dy};
  if constexpr (N == 2) {
    r.dxx = a.dxx * b.v + 2 * a.dx * b.dx + a.v * b.dxx;
    r.dxy = a.dxy * b.v + a.dx * b.dy + a.dy * b.dx + a.v * b.dxy;
    r.dyy = a.dyy * b.v + 2 * a.dy * b.dy + a.v * b.dyy;
  }
  return r;
}
template <int N>
inline Jet<N> operator/(const Jet<N>& a, const Jet<N>& b) {
  // q = a/b, so a = q b: dq = (da - q db)/b and d2q = (d2a - dq db' - db dq' - q d2b)/b.
  double q = a.v / b.v;
  Jet<N> r{q, (a.dx - q * b.dx) / b.v, (a.dy - q * b.dy) / b.v};
  if constexpr (N == 2) {
    r.dxx = (a.dxx - 2 * r.dx * b.dx - q * b.dxx) / b.v;
    r.dxy = (a.dxy - r.dx * b.dy - r.dy * b.dx - q * b.dxy) / b.v;
    r.dyy = (a.dyy - 2 * r.dy * b.dy - q * b.dyy) / b.v;
  }
  return r;
}

template <int N>
inline Jet<N> operator+(Jet<N> a, double c) {
  a.v += c;
  return a;
}
template <int N>
inline Jet<N> operator+(double c, Jet<N> a) {
  a.v += c;
  return a;
}
template <int N>
inline Jet<N> operator-(Jet<N> a, double c) {
  a.v -= c;
  return a;
}
template <int N>
inline Jet<N> operator-(double c, const Jet<N>& a) {
  return c + -a;
}
template <int N>
inline Jet<N> operator*(const Jet<N>& a, double c) {
  return {a.v * c, a.dx * c, a.dy * c, a.dxx * c, a.dxy * c, a.dyy * c};
}
template <int N>
inline Jet<N> operator*(double c, const Jet<N>& a) {
  return a * c;
}
template <int N>
inline Jet<N> operator/(const Jet<N>& a, double c) {
  return {a.v / c, a.dx / c, a.dy / c, a.dxx / c, a.dxy / c, a.dyy / c};
}
template <int N>
inline Jet<N> operator/(double c, const Jet<N>& a) {
  double q = c / a.v;
  return chain(a, q, -q / a.v, 2 * q / (a.v * a.v));
}

// [SECTION] functions
template <int N>
inline Jet<N> sqr(const Jet<N>& a) {
  return chain(a, a.v * a.v, 2 * a.v, 2.0);
}
template <int N>
inline Jet<N> sqrt(const Jet<N>& a) {
  double s = std::sqrt(a.v);
  if (a.v == 0) return chain(a, 0.0, 0.0, 0.0);  // tip of a cone: see the header comment
  return chain(a, s, 0.5 / s, -0.25 / (a.v * s));
}
template <int N>
inline Jet<N> exp(const Jet<N>& a) {
  double e = std::exp(a.v);
  return chain(a, e, e, e);
}
template <int N>
inline Jet<N> log(const Jet<N>& a) {
  return chain(a, std::log(a.v), 1 / a.v, -1 / (a.v * a.v));
}
template <int N>
inline Jet<N> sin(const Jet<N>& a) {
  double s = std::sin(a.v), c = std::cos(a.v);
  return chain(a, s, c, -s);
}
template <int N>
inline Jet<N> cos(const Jet<N>& a) {
  double s = std::sin(a.v), c = std::cos(a.v);
  return chain(a, c, -s, -c);
}
template <int N>
inline Jet<N> abs(const Jet<N>& a) {
  double sign = a.v > 0 ? 1.0 : (a.v < 0 ? -1.0 : 0.0);
  return chain(a, std::abs(a.v), sign, 0.0);
}

}  // namespace descent
