#pragma once
// Forward-mode automatic differentiation in two variables.
//
// A test surface is written once as a template over its number type; evaluating it on
// double gives the value, on Jet<1> the value and gradient, on Jet<2> also the Hessian.
// This keeps every formula in one place: its derivatives cannot drift from it.
//
// Non-smooth points follow one documented convention: at a kink the derivative is the one of
// the minimum-norm subgradient, i.e. abs'(0) = 0 and sqrt'(0) = 0 (sqrt(u) at u = 0 is the tip
// of a cone whose subdifferential contains 0); the same for u^c with 0 < c < 1 at u = 0. At a
// tie, min and max take the average of both sides' derivatives, the midpoint of the
// subdifferential: for |u| = max(u, -u) that is 0 again, so the conventions agree.
#include <cmath>
#include <cstdlib>
#include <limits>

namespace descent {

using std::abs;
using std::acos;
using std::asin;
using std::atan;
using std::cos;
using std::cosh;
using std::exp;
using std::log;
using std::sin;
using std::sinh;
using std::sqrt;
using std::tan;
using std::tanh;

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
  if (a.v == 0) return chain(a, s, 0.0, 0.0);  // tip of a cone (see above); s keeps -0
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
template <int N>
inline Jet<N> tan(const Jet<N>& a) {
  double t = std::tan(a.v), d = 1 + t * t;
  return chain(a, t, d, 2 * t * d);
}
template <int N>
inline Jet<N> asin(const Jet<N>& a) {
  double r = 1 / std::sqrt(1 - a.v * a.v);  // 1/sqrt(1 - u^2)
  return chain(a, std::asin(a.v), r, a.v * r * r * r);
}
template <int N>
inline Jet<N> acos(const Jet<N>& a) {
  double r = 1 / std::sqrt(1 - a.v * a.v);
  return chain(a, std::acos(a.v), -r, -a.v * r * r * r);
}
template <int N>
inline Jet<N> atan(const Jet<N>& a) {
  double r = 1 / (1 + a.v * a.v);
  return chain(a, std::atan(a.v), r, -2 * a.v * r * r);
}
template <int N>
inline Jet<N> sinh(const Jet<N>& a) {
  double s = std::sinh(a.v), c = std::cosh(a.v);
  return chain(a, s, c, s);
}
template <int N>
inline Jet<N> cosh(const Jet<N>& a) {
  double s = std::sinh(a.v), c = std::cosh(a.v);
  return chain(a, c, s, c);
}
template <int N>
inline Jet<N> tanh(const Jet<N>& a) {
  double t = std::tanh(a.v), d = 1 - t * t;
  return chain(a, t, d, -2 * t * d);
}

// [SECTION] min and max
// A NaN on either side makes the result NaN (std::min would pick a side by argument order).
inline double min_value(double a, double b) {
  return a < b ? a : b < a ? b : a == b ? a : std::numeric_limits<double>::quiet_NaN();
}
inline double max_value(double a, double b) {
  return a > b ? a : b > a ? b : a == b ? a : std::numeric_limits<double>::quiet_NaN();
}
template <int N>
inline Jet<N> tie_average(const Jet<N>& a, const Jet<N>& b) {
  return {a.v,
          0.5 * (a.dx + b.dx),
          0.5 * (a.dy + b.dy),
          0.5 * (a.dxx + b.dxx),
          0.5 * (a.dxy + b.dxy),
          0.5 * (a.dyy + b.dyy)};
}
template <int N>
inline Jet<N> min(const Jet<N>& a, const Jet<N>& b) {
  if (a.v < b.v) return a;
  if (b.v < a.v) return b;
  if (a.v == b.v) return tie_average(a, b);
  Jet<N> r;
  r.v = r.dx = r.dy = std::numeric_limits<double>::quiet_NaN();
  return r;
}
template <int N>
inline Jet<N> max(const Jet<N>& a, const Jet<N>& b) {
  if (a.v > b.v) return a;
  if (b.v > a.v) return b;
  if (a.v == b.v) return tie_average(a, b);
  Jet<N> r;
  r.v = r.dx = r.dy = std::numeric_limits<double>::quiet_NaN();
  return r;
}

// [SECTION] powers
// Integer exponents up to this size multiply (by squaring), so that u^2 is exactly sqr(u) and
// u^3 exactly u*u*u, as a surface written by hand computes them; larger ones use std::pow.
constexpr int kMaxMultipliedPower = 64;

inline bool is_multiplied_power(double c) {
  return c == std::floor(c) && std::abs(c) <= kMaxMultipliedPower;
}

// u^n for |n| <= kMaxMultipliedPower, by squaring from the lowest bit: u^3 = u·sqr(u),
// u^4 = sqr(sqr(u)), u^6 = sqr(u)·sqr(sqr(u)); u^-n = 1/u^n. Works on doubles and jets alike,
// so that both compute the same value.
template <class T>
inline T integer_power(const T& a, int n) {
  if (n < 0) return 1.0 / integer_power(a, -n);
  if (n == 0) return T{1.0};
  if (n == 1) return a;
  if (n == 2) return sqr(a);
  T square = a, result{};
  bool started = false;
  for (int m = n;; m >>= 1) {
    if (m & 1) {
      result = started ? result * square : square;
      started = true;
    }
    if (m == 1) return result;
    square = sqr(square);
  }
}

// u^c for a constant c.
template <int N>
inline Jet<N> pow(const Jet<N>& a, double c) {
  if (is_multiplied_power(c)) return integer_power(a, static_cast<int>(c));
  double p = std::pow(a.v, c);
  if (a.v == 0 && c > 0 && c < 1) return chain(a, p, 0.0, 0.0);  // a cusp: see the header
  return chain(a, p, c * std::pow(a.v, c - 1), c * (c - 1) * std::pow(a.v, c - 2));
}
inline double pow_constant(double a, double c) {
  return is_multiplied_power(c) ? integer_power(a, static_cast<int>(c)) : std::pow(a, c);
}

// c^u for a constant c: d/du c^u = c^u·ln c.
template <int N>
inline Jet<N> pow(double c, const Jet<N>& b) {
  double p = std::pow(c, b.v);
  if (p == 0) return chain(b, p, 0.0, 0.0);  // 0^u for u > 0: flat
  double l = std::log(c);
  return chain(b, p, p * l, p * l * l);
}

// u^w with both varying: f = u^w, ln f = g = w·ln u, so f' = f·g' and f'' = f·(g'' + g'^2).
// Terms whose derivative is zero are left out, so that a constant exponent or base does not
// turn ln(0) or 1/0 into NaN.
template <int N>
inline Jet<N> pow(const Jet<N>& a, const Jet<N>& b) {
  const double p = std::pow(a.v, b.v);
  const double l = std::log(a.v), inv = 1 / a.v;
  auto term = [](double d, double factor) { return d == 0 ? 0.0 : d * factor; };
  // g' = w'·ln u + w·u'/u
  const double gx = term(b.dx, l) + term(a.dx, b.v * inv);
  const double gy = term(b.dy, l) + term(a.dy, b.v * inv);
  Jet<N> r{p, p * gx, p * gy};
  if constexpr (N == 2) {
    // g'' = w''·ln u + (w'u'' + w''u')/u + w·(u''/u - u'u''/u^2), per pair of variables
    auto second = [&](double bxy, double axy, double ax, double ay, double bx, double by) {
      return term(bxy, l) + term(bx * ay + by * ax, inv) +
             b.v * (term(axy, inv) - term(ax * ay, inv * inv));
    };
    r.dxx = p * (second(b.dxx, a.dxx, a.dx, a.dx, b.dx, b.dx) + gx * gx);
    r.dxy = p * (second(b.dxy, a.dxy, a.dx, a.dy, b.dx, b.dy) + gx * gy);
    r.dyy = p * (second(b.dyy, a.dyy, a.dy, a.dy, b.dy, b.dy) + gy * gy);
  }
  return r;
}

}  // namespace descent
