#include "anatomy.hpp"

#include <cstdio>

#include "text.hpp"

namespace descent {
namespace {

template <class V>
std::string show_vector(const V& v) {
  if (v.size() > 4) return cat("|·| = ", show(v.norm()), " over ", v.size(), " values");
  std::string out = "(";
  for (Eigen::Index i = 0; i < v.size(); ++i) out += (i ? ", " : "") + show(v[i]);
  return out + ")";
}

}  // namespace

std::string show(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string show(const Vec2& v) {
  return show_vector(v);
}
std::string show(const VecX& v) {
  return show_vector(v);
}

}  // namespace descent
