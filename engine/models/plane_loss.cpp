// A network's loss at many plane points in float32 SIMD (the formulas are in plane_loss.hpp).
// The kernel is written once on GCC's generic vectors of 8 floats and compiled twice: for the
// build's target (SSE2: each operation on two halves) and with target("avx2,fma"), chosen at
// run time. This file is built with -ffp-contract=fast (a·b + c becomes one FMA where the CPU
// has it) and -fno-trapping-math.
#include "plane_loss.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "../text.hpp"

namespace descent {
namespace {

using v8f = float __attribute__((vector_size(32)));
using v8i = std::int32_t __attribute__((vector_size(32)));
using v4f = float __attribute__((vector_size(16)));
using v4d = double __attribute__((vector_size(32)));

constexpr int kBlock = 16;  // samples a tile goes through the layers with: two vectors
constexpr int kTileRows = 4;

// Per sample, in units of Objective::evaluation_cost, measured for 2-4-1 to 2-32-32-1 with
// AVX2 and FMA (the portable kernel is about three times slower): a multiply-add of a layer,
// a hidden unit's σ, the loss.
constexpr double kMultiplyAddCost = 0.01;
constexpr double kActivationCost[] = {0.1, 0.01, 0.1};  // tanh, relu, sigmoid
constexpr double kLossCost = 0.2;
constexpr double kPortableSlowdown = 3;

#define DESCENT_INLINE inline __attribute__((always_inline))

DESCENT_INLINE v8f load(const float* p) {
  v8f v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
DESCENT_INLINE void store(float* p, v8f v) {
  std::memcpy(p, &v, sizeof v);
}
DESCENT_INLINE v8f splat(float f) {
  return v8f{} + f;
}
DESCENT_INLINE v8f select(v8i mask, v8f yes, v8f no) {
  return mask ? yes : no;
}
DESCENT_INLINE v8f absolute(v8f v) {
  return std::bit_cast<v8f>(std::bit_cast<v8i>(v) & 0x7fffffff);
}
DESCENT_INLINE v8f at_least(v8f v, float bound) {
  return select(v < bound, splat(bound), v);
}

// e^x for -87 <= x <= 0 (NaN stays NaN): 2^k·e^r with e^r from Cephes' expf polynomial.
DESCENT_INLINE v8f exp_nonpositive(v8f x) {
  constexpr float kShifter = 12582912.0f;  // 1.5·2^23: adding it rounds to a whole number
  const v8f shifted = x * 1.44269504088896341f + kShifter;
  const v8f k = shifted - kShifter;
  const v8f r = (x - k * 0.693359375f) - k * -2.12194440e-4f;  // ln2 in two parts
  v8f p = r * 1.9875691500e-4f + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const v8f er = (r * r) * p + r + 1.0f;
  // k sits in the low bits of `shifted` (0x4b400000 + k); 2^k has k + 127 in bits 23 to 30.
  const v8i scale = (std::bit_cast<v8i>(shifted) - (0x4b400000 - 127)) << 23;
  return er * std::bit_cast<v8f>(scale);
}

DESCENT_INLINE v8f tanh_of(v8f u) {
  // Beyond |u| = 9, tanh is 1 in float.
  const v8f e = exp_nonpositive(at_least(absolute(u) * -2.0f, -18.0f));
  const v8f magnitude = (1.0f - e) / (1.0f + e);
  const v8i sign = std::bit_cast<v8i>(u) & static_cast<std::int32_t>(0x80000000u);
  return std::bit_cast<v8f>(std::bit_cast<v8i>(magnitude) | sign);
}

DESCENT_INLINE v8f sigmoid_of(v8f u) {
  const v8f e = exp_nonpositive(at_least(-absolute(u), -87.0f));
  return select(u >= 0.0f, splat(1.0f), e) / (1.0f + e);
}

DESCENT_INLINE v8f activate(Activation activation, v8f u) {
  switch (activation) {
    case Activation::tanh:
      return tanh_of(u);
    case Activation::relu:
      return select(u < 0.0f, splat(0.0f), u);  // keeps NaN, as Network's relu
    case Activation::sigmoid:
      return sigmoid_of(u);
  }
  return u;
}

// max(z, 0) - z·y + log1p(e^-|z|), the cross-entropy with logits.
DESCENT_INLINE v8f cross_entropy(v8f z, v8f y) {
  const v8f e = exp_nonpositive(at_least(-absolute(z), -87.0f));
  const v8f t = e / (2.0f + e), u = t * t;
  v8f s = u * (1.0f / 13) + 1.0f / 11;
  s = s * u + 1.0f / 9;
  s = s * u + 1.0f / 7;
  s = s * u + 1.0f / 5;
  s = s * u + 1.0f / 3;
  s = s * u + 1.0f;
  return select(z > 0.0f, z, splat(0.0f)) - z * y + 2.0f * t * s;
}

// rows (Rows of them) of one layer for a block: out = σ(W·in + b), in and out as rows of 16.
template <int Rows>
DESCENT_INLINE void layer_tile(const float* w, const float* b, int in_rows, const float* in,
                               float* out, bool hidden, Activation activation) {
  v8f acc[Rows][2];
  for (int r = 0; r < Rows; ++r) acc[r][0] = acc[r][1] = splat(b[r]);
  for (int k = 0; k < in_rows; ++k) {
    const v8f h0 = load(in + kBlock * k), h1 = load(in + kBlock * k + 8);
    for (int r = 0; r < Rows; ++r) {
      const float wk = w[r * in_rows + k];
      acc[r][0] += wk * h0;
      acc[r][1] += wk * h1;
    }
  }
  for (int r = 0; r < Rows; ++r)
    for (int half = 0; half < 2; ++half)
      store(out + kBlock * r + 8 * half,
            hidden ? activate(activation, acc[r][half]) : acc[r][half]);
}

// Σ over the samples of ℓ at one point, whose packed parameters are `p`; `scratch` holds two
// layers of a block (2 x widest x 16 floats).
DESCENT_INLINE double loss_sum_body(const PlaneLoss::Layout& layout, const float* p,
                                    float* scratch) {
  const std::size_t stride = layout.widest * kBlock;
  v4d total{};
  for (std::size_t block = 0; block < layout.blocks; ++block) {
    const float* in = layout.x.data() + block * 2 * kBlock;
    float* out = scratch;
    for (const PlaneLoss::Layer& layer : layout.layers) {
      const float* w = p + layer.weights;
      const float* b = p + layer.bias;
      if (layer.rows == 1) {
        layer_tile<1>(w, b, layer.in, in, out, layer.hidden, layout.activation);
      } else {
        for (int r = 0; r < layer.rows; r += kTileRows)
          layer_tile<kTileRows>(w + static_cast<std::size_t>(r) * layer.in, b + r, layer.in, in,
                                out + kBlock * r, layer.hidden, layout.activation);
      }
      in = out;
      out = out == scratch ? scratch + stride : scratch;
    }
    const float* y = layout.y.data() + block * kBlock;
    const float* weight = layout.weight.data() + block * kBlock;
    for (int half = 0; half < 2; ++half) {
      const v8f z = load(in + 8 * half), target = load(y + 8 * half);
      const v8f diff = z - target;
      const v8f loss =
          (layout.classifier ? cross_entropy(z, target) : diff * diff) * load(weight + 8 * half);
      v4f low, high;
      std::memcpy(&low, &loss, sizeof low);
      std::memcpy(&high, reinterpret_cast<const char*>(&loss) + sizeof low, sizeof high);
      total += __builtin_convertvector(low, v4d) + __builtin_convertvector(high, v4d);
    }
  }
  return (total[0] + total[1]) + (total[2] + total[3]);
}

double loss_sum_portable(const PlaneLoss::Layout& layout, const float* p, float* scratch) {
  return loss_sum_body(layout, p, scratch);
}

__attribute__((target("avx2,fma"))) double loss_sum_avx2_fma(const PlaneLoss::Layout& layout,
                                                             const float* p, float* scratch) {
  return loss_sum_body(layout, p, scratch);
}

std::size_t padded_rows(int width) {
  return static_cast<std::size_t>((width + kTileRows - 1) / kTileRows * kTileRows);
}

}  // namespace

bool PlaneLoss::avx2_fma_supported() {
  static const bool supported = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return supported;
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
      static_cast<double>(m_layout.packed_size);
}

void PlaneLoss::values(std::span<const Vec2> points, std::span<double> out, Kernel kernel) const {
  if (out.size() != points.size())
    throw std::invalid_argument(
        cat("plane loss: ", points.size(), " points but room for ", out.size(), " values"));
  if (kernel == Kernel::avx2_fma && !avx2_fma_supported())
    throw std::invalid_argument("plane loss: this CPU has no AVX2 and FMA");
  if (kernel == Kernel::best) kernel = avx2_fma_supported() ? Kernel::avx2_fma : Kernel::portable;
  const auto loss_sum = kernel == Kernel::avx2_fma ? loss_sum_avx2_fma : loss_sum_portable;
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
