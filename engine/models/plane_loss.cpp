// A network's loss at many plane points in float32 SIMD (the formulas are in plane_loss.hpp).
// The kernel (plane_loss_kernel.hpp) is written once on GCC's generic vectors and compiled
// twice: for the build's target (SSE2) and, with GCC on x86-64, for AVX2 and FMA; which one
// runs is chosen at run time. This file is built with -ffp-contract=fast (a·b + c becomes one
// FMA where the CPU has it) and -fno-trapping-math.
#include "plane_loss.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "../text.hpp"

namespace descent {
namespace {

// Samples a tile takes through the layers at once: 2 vectors of 8 floats, or 4 of 4.
constexpr int kBlock = 16;
// Hidden layers are padded to a multiple of this many rows: a tile's outputs (4 with AVX2,
// 2 with SSE2's 16 registers: 8 accumulators either way).
constexpr int kPadRows = 4;

// Per sample, in units of Objective::evaluation_cost (1.4 ns of one core), measured with AVX2
// and FMA for 2-1 to 2-32-32-1 and 2-8-8-8-8-1 (within 15%): a multiply-add of a layer, a
// hidden unit's σ (and its store), the loss and the block's overhead. The portable kernel
// (SSE2, no FMA) takes about four times as long; packing a point's parameters, half a unit
// each.
constexpr double kMultiplyAddCost = 0.03;
constexpr double kActivationCost[] = {0.63, 0.1, 0.55};  // tanh, relu, sigmoid
constexpr double kLossCost = 1.4;
constexpr double kParameterCost = 0.5;
constexpr double kPortableSlowdown = 4;

namespace portable {
#include "plane_loss_kernel.hpp"
}  // namespace portable

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define DESCENT_AVX2_KERNEL 1
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define DESCENT_KERNEL_AVX2 1
namespace avx2_fma {
#include "plane_loss_kernel.hpp"
}  // namespace avx2_fma
#undef DESCENT_KERNEL_AVX2
#pragma GCC pop_options
#endif

std::size_t padded_rows(int width) {
  return static_cast<std::size_t>((width + kPadRows - 1) / kPadRows * kPadRows);
}

}  // namespace

bool PlaneLoss::avx2_fma_supported() {
#ifdef DESCENT_AVX2_KERNEL
  static const bool supported = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return supported;
#else
  return false;
#endif
}

PlaneLoss::PlaneLoss(const Network& network, const Plane& plane) {
  if (plane.dimension() != network.dimension())
    throw std::invalid_argument(cat("plane loss: ", network.name(), " has ", network.dimension(),
                                    " parameters; the plane has ", plane.dimension()));
  const NetworkShape& shape = network.shape();
  m_layout.activation = network.activation();
  m_layout.classifier = network.classifier();

  // The packed order: each layer's weights (rows x in), then its bias (rows); a padded row
  // or column is 0 in every parameter, so its unit adds nothing to the next layer.
  std::vector<std::ptrdiff_t> source;  // of each packed float in the network's vector; -1: 0
  Eigen::Index at = 0;
  int in_rows = NetworkShape::kInputs;
  double multiply_adds = 0, units = 0;
  for (int l = 0; l < shape.layer_count(); ++l) {
    const int in = shape.widths[l], out = shape.widths[l + 1];
    Layer layer;
    layer.hidden = l + 1 < shape.layer_count();
    layer.in = in_rows;
    layer.rows = layer.hidden ? static_cast<int>(padded_rows(out)) : out;
    layer.weights = source.size();
    for (int o = 0; o < layer.rows; ++o)
      for (int k = 0; k < layer.in; ++k) source.push_back(o < out && k < in ? at + o * in + k : -1);
    layer.bias = source.size();
    for (int o = 0; o < layer.rows; ++o) source.push_back(o < out ? at + out * in + o : -1);
    at += out * (in + 1);
    multiply_adds += static_cast<double>(layer.rows) * layer.in;
    if (layer.hidden) units += layer.rows;
    m_layout.widest = std::max(m_layout.widest, static_cast<std::size_t>(layer.rows));
    m_layout.layers.push_back(layer);
    in_rows = layer.rows;
  }
  m_layout.packed_size = source.size();
  m_center.assign(source.size(), 0.0);
  m_d1.assign(source.size(), 0.0);
  m_d2.assign(source.size(), 0.0);
  for (std::size_t i = 0; i < source.size(); ++i)
    if (source[i] >= 0) {
      m_center[i] = plane.center()[source[i]];
      m_d1[i] = plane.d1()[source[i]];
      m_d2[i] = plane.d2()[source[i]];
    }

  const Dataset& data = network.data();
  m_samples = data.size();
  m_layout.blocks = (m_samples + kBlock - 1) / kBlock;
  const std::size_t padded = m_layout.blocks * kBlock;
  m_layout.x.assign(2 * padded, 0.0f);
  m_layout.y.assign(padded, 0.0f);
  m_layout.weight.assign(padded, 0.0f);
  for (std::size_t i = 0; i < m_samples; ++i) {
    const std::size_t block = i / kBlock, lane = i % kBlock;
    const auto row = static_cast<Eigen::Index>(i);
    m_layout.x[block * 2 * kBlock + lane] = static_cast<float>(data.features[0][row]);
    m_layout.x[block * 2 * kBlock + kBlock + lane] = static_cast<float>(data.features[1][row]);
    m_layout.y[i] = static_cast<float>(data.target[row]);
    m_layout.weight[i] = 1.0f;
  }

  const double per_sample = kMultiplyAddCost * multiply_adds +
                            kActivationCost[static_cast<int>(m_layout.activation)] * units +
                            kLossCost;
  m_point_cost =
      static_cast<double>(padded) * per_sample * (avx2_fma_supported() ? 1.0 : kPortableSlowdown) +
      kParameterCost * static_cast<double>(m_layout.packed_size);
}

void PlaneLoss::values(std::span<const Vec2> points, std::span<double> out, Kernel kernel) const {
  if (out.size() != points.size())
    throw std::invalid_argument(
        cat("plane loss: ", points.size(), " points but room for ", out.size(), " values"));
  if (kernel == Kernel::avx2_fma && !avx2_fma_supported())
    throw std::invalid_argument("plane loss: this CPU has no AVX2 and FMA");
  if (kernel == Kernel::best) kernel = avx2_fma_supported() ? Kernel::avx2_fma : Kernel::portable;
  auto loss_sum = portable::loss_sum;
#ifdef DESCENT_AVX2_KERNEL
  if (kernel == Kernel::avx2_fma) loss_sum = avx2_fma::loss_sum;
#endif
  std::vector<float> p(m_layout.packed_size);
  std::vector<float> scratch(2 * m_layout.widest * kBlock);
  const double per_sample = 1.0 / static_cast<double>(m_samples);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double a = points[i].x(), b = points[i].y();
    for (std::size_t j = 0; j < p.size(); ++j)
      p[j] = static_cast<float>(m_center[j] + a * m_d1[j] + b * m_d2[j]);
    out[i] = loss_sum(m_layout, p.data(), scratch.data()) * per_sample;
  }
}

double PlaneLoss::point_cost() const {
  return m_point_cost;
}

}  // namespace descent
