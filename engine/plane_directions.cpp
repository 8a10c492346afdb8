#include "plane_directions.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "rng.hpp"
#include "text.hpp"

namespace descent {
namespace {

constexpr std::size_t kMostPoints = 2000;

// A deterministic sign: the largest component is positive.
void orient(VecX& d) {
  Eigen::Index largest = 0;
  d.cwiseAbs().maxCoeff(&largest);
  if (d[largest] < 0) d = -d;
}

}  // namespace

Plane random_plane(const std::vector<int>& widths, const VecX& center, std::uint64_t seed) {
  Eigen::Index total = 0;
  for (std::size_t l = 1; l < widths.size(); ++l)
    total += static_cast<Eigen::Index>(widths[l]) * (widths[l - 1] + 1);
  if (widths.size() < 2 || total != center.size())
    throw std::invalid_argument(cat("random plane: the layers have ", total,
                                    " parameters but the center has ", center.size()));
  Rng rng(seed);
  VecX d[2] = {VecX::Zero(total), VecX::Zero(total)};
  for (VecX& direction : d) {
    for (Eigen::Index i = 0; i < total; ++i) direction[i] = rng.normal();
    Eigen::Index at = 0;
    for (std::size_t l = 1; l < widths.size(); ++l) {
      const Eigen::Index in = widths[l - 1], out = widths[l];
      for (Eigen::Index neuron = 0; neuron < out; ++neuron, at += in) {
        const double target = center.segment(at, in).norm(),
                     drawn = direction.segment(at, in).norm();
        direction.segment(at, in) *= drawn > 0 ? target / drawn : 0;
      }
      direction.segment(at, out).setZero();  // biases
      at += out;
    }
  }
  // At a center of all-zero weights the directions vanish: fall back to unscaled ones.
  for (VecX& direction : d)
    if (direction.squaredNorm() == 0)
      for (Eigen::Index i = 0; i < total; ++i) direction[i] = rng.normal();
  return Plane(center, d[0], d[1]);
}

PrincipalPlane principal_directions(std::span<const VecX> points) {
  if (points.size() < 2)
    throw std::invalid_argument("principal directions: need at least two points");
  const Eigen::Index n = points.front().size();
  for (const VecX& p : points)
    if (p.size() != n)
      throw std::invalid_argument("principal directions: the points' sizes differ");
  const std::size_t stride = (points.size() + kMostPoints - 1) / kMostPoints;
  std::vector<const VecX*> kept;
  for (std::size_t i = 0; i < points.size(); i += stride) kept.push_back(&points[i]);
  if (kept.back() != &points.back()) kept.push_back(&points.back());
  const auto m = static_cast<Eigen::Index>(kept.size());
  Eigen::MatrixXd x(m, n);
  for (Eigen::Index r = 0; r < m; ++r) x.row(r) = kept[static_cast<std::size_t>(r)]->transpose();
  x.rowwise() -= x.colwise().mean();
  const double total = x.squaredNorm();
  if (!(total > 0) || !std::isfinite(total))
    throw std::invalid_argument("principal directions: the points do not spread (all equal)");

  // The smaller of the two Gram matrices has the same nonzero eigenvalues.
  const bool by_points = m <= n;
  const Eigen::MatrixXd gram =
      by_points ? Eigen::MatrixXd(x * x.transpose()) : Eigen::MatrixXd(x.transpose() * x);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
  const Eigen::Index k = gram.rows();
  PrincipalPlane out;
  VecX* d[2] = {&out.d1, &out.d2};
  for (int c = 0; c < 2; ++c) {
    const double lambda = k - 1 - c >= 0 ? std::max(0.0, eigen.eigenvalues()[k - 1 - c]) : 0.0;
    out.explained[c] = lambda / total;
    if (lambda <= 1e-12 * total) break;
    VecX v = by_points ? VecX(x.transpose() * eigen.eigenvectors().col(k - 1 - c))
                       : VecX(eigen.eigenvectors().col(k - 1 - c));
    *d[c] = v / v.norm();
    orient(*d[c]);
  }
  if (out.d2.size() == 0) {  // the points lie on a line: any direction orthogonal to d1
    Eigen::Index smallest = 0;
    out.d1.cwiseAbs().minCoeff(&smallest);
    VecX e = VecX::Unit(n, smallest);
    e -= e.dot(out.d1) * out.d1;
    out.d2 = e / e.norm();
    out.explained[1] = 0;
  }
  return out;
}

}  // namespace descent
