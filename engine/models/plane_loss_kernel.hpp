// The plane's float kernel (models/plane_loss.cpp): included there twice, each time in its own
// namespace, so no include guard: once for the build's target (SSE2: vectors of 4 floats, tiles
// of 2 rows), once under #pragma GCC target("avx2,fma") with DESCENT_KERNEL_AVX2 defined
// (vectors of 8, tiles of 4, FMA; GCC's C++ front end does not define __AVX2__ after the
// pragma). Needs <bit>, <cstdint>, <cstring>, plane_loss.hpp and kBlock before it.

#define DESCENT_INLINE inline __attribute__((always_inline))

#ifdef DESCENT_KERNEL_AVX2
using F = float __attribute__((vector_size(32)));
using Half = float __attribute__((vector_size(16)));
using Doubles = double __attribute__((vector_size(32)));
constexpr int kTileRows = 4;
#else
using F = float __attribute__((vector_size(16)));
using Half = float __attribute__((vector_size(8)));
using Doubles = double __attribute__((vector_size(16)));
constexpr int kTileRows = 2;
#endif
using Int = decltype(F{} < F{});  // what a comparison gives: int32 lanes, as many
constexpr int kLanes = sizeof(F) / sizeof(float);

DESCENT_INLINE F load(const float* p) {
  F v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
DESCENT_INLINE void store(float* p, F v) {
  std::memcpy(p, &v, sizeof v);
}
DESCENT_INLINE F splat(float f) {
  return F{} + f;
}
DESCENT_INLINE F select(Int mask, F yes, F no) {
  return mask ? yes : no;
}
DESCENT_INLINE F absolute(F v) {
  return std::bit_cast<F>(std::bit_cast<Int>(v) & 0x7fffffff);
}
DESCENT_INLINE F at_least(F v, float bound) {
  return select(v < bound, splat(bound), v);
}

// e^x for -87 <= x <= 0 (NaN stays NaN): 2^k·e^r with e^r from Cephes' expf polynomial.
DESCENT_INLINE F exp_nonpositive(F x) {
  constexpr float kShifter = 12582912.0f;  // 1.5·2^23: adding it rounds to a whole number
  const F shifted = x * 1.44269504088896341f + kShifter;
  const F k = shifted - kShifter;
  const F r = (x - k * 0.693359375f) - k * -2.12194440e-4f;  // ln2 in two parts
  F p = r * 1.9875691500e-4f + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const F er = (r * r) * p + r + 1.0f;
  // k sits in the low bits of `shifted` (0x4b400000 + k); 2^k has k + 127 in bits 23 to 30.
  const Int scale = (std::bit_cast<Int>(shifted) - (0x4b400000 - 127)) << 23;
  return er * std::bit_cast<F>(scale);
}

DESCENT_INLINE F tanh_of(F u) {
  // Beyond |u| = 9, tanh is 1 in float.
  const F e = exp_nonpositive(at_least(absolute(u) * -2.0f, -18.0f));
  const F magnitude = (1.0f - e) / (1.0f + e);
  const Int sign = std::bit_cast<Int>(u) & static_cast<std::int32_t>(0x80000000u);
  return std::bit_cast<F>(std::bit_cast<Int>(magnitude) | sign);
}

DESCENT_INLINE F sigmoid_of(F u) {
  const F e = exp_nonpositive(at_least(-absolute(u), -87.0f));
  return select(u >= 0.0f, splat(1.0f), e) / (1.0f + e);
}

template <Activation A>
DESCENT_INLINE F activate(F u) {
  if constexpr (A == Activation::tanh) return tanh_of(u);
  if constexpr (A == Activation::relu) return select(u < 0.0f, splat(0.0f), u);  // keeps NaN
  if constexpr (A == Activation::sigmoid) return sigmoid_of(u);
}

// max(z, 0) - z·y + log1p(e^-|z|), the cross-entropy with logits.
DESCENT_INLINE F cross_entropy(F z, F y) {
  const F e = exp_nonpositive(at_least(-absolute(z), -87.0f));
  const F t = e / (2.0f + e), u = t * t;
  F s = u * (1.0f / 13) + 1.0f / 11;
  s = s * u + 1.0f / 9;
  s = s * u + 1.0f / 7;
  s = s * u + 1.0f / 5;
  s = s * u + 1.0f / 3;
  s = s * u + 1.0f;
  return select(z > 0.0f, z, splat(0.0f)) - z * y + 2.0f * t * s;
}

// Rows rows of one layer for a block: out = σ(W·in + b) (W·in + b for the output, which is one
// row), in and out as rows of kBlock floats. The output sums even and odd k apart: two chains
// of multiply-adds, not one. σ is known at compile time: a tile's σ are one stretch of code
// the CPU overlaps.
template <int Rows, Activation A>
DESCENT_INLINE void layer_tile(const float* w, const float* b, int in_rows, const float* in,
                               float* out) {
  constexpr int kVectors = kBlock / kLanes, kChains = Rows == 1 ? 2 : 1;
  F acc[kChains][Rows][kVectors];
  for (int c = 0; c < kChains; ++c)
    for (int r = 0; r < Rows; ++r)
      for (int v = 0; v < kVectors; ++v) acc[c][r][v] = splat(c == 0 ? b[r] : 0.0f);
  int k = 0;
  for (; k + kChains <= in_rows; k += kChains)
    for (int c = 0; c < kChains; ++c)
      for (int v = 0; v < kVectors; ++v) {
        const F h = load(in + kBlock * (k + c) + kLanes * v);
        for (int r = 0; r < Rows; ++r) acc[c][r][v] += w[r * in_rows + k + c] * h;
      }
  for (; k < in_rows; ++k)
    for (int v = 0; v < kVectors; ++v) {
      const F h = load(in + kBlock * k + kLanes * v);
      for (int r = 0; r < Rows; ++r) acc[0][r][v] += w[r * in_rows + k] * h;
    }
  for (int r = 0; r < Rows; ++r)
    for (int v = 0; v < kVectors; ++v) {
      F sum = acc[0][r][v];
      for (int c = 1; c < kChains; ++c) sum += acc[c][r][v];
      if constexpr (Rows == 1)
        store(out + kBlock * r + kLanes * v, sum);
      else
        store(out + kBlock * r + kLanes * v, activate<A>(sum));
    }
}

// The lanes of v, added into half as many doubles.
DESCENT_INLINE void add_to(Doubles& total, F v) {
  Half low, high;
  std::memcpy(&low, &v, sizeof low);
  std::memcpy(&high, reinterpret_cast<const char*>(&v) + sizeof low, sizeof high);
  total += __builtin_convertvector(low, Doubles) + __builtin_convertvector(high, Doubles);
}

// Σ over the samples of ℓ at one point, whose packed parameters are `p`; `scratch` holds two
// layers of a block (2 x widest x kBlock floats).
template <Activation A>
double loss_sum_of(const PlaneLoss::Layout& layout, const float* p, float* scratch) {
  const std::size_t stride = layout.widest * kBlock;
  Doubles total{};
  for (std::size_t block = 0; block < layout.blocks; ++block) {
    const float* in = layout.x.data() + block * 2 * kBlock;
    float* out = scratch;
    for (const PlaneLoss::Layer& layer : layout.layers) {
      const float* w = p + layer.weights;
      const float* b = p + layer.bias;
      if (!layer.hidden) {  // the output: one row
        layer_tile<1, A>(w, b, layer.in, in, out);
      } else {
        for (int r = 0; r < layer.rows; r += kTileRows)
          layer_tile<kTileRows, A>(w + static_cast<std::size_t>(r) * layer.in, b + r, layer.in, in,
                                   out + kBlock * r);
      }
      in = out;
      out = out == scratch ? scratch + stride : scratch;
    }
    const float* y = layout.y.data() + block * kBlock;
    const float* weight = layout.weight.data() + block * kBlock;
    F sum{};
    for (int v = 0; v < kBlock / kLanes; ++v) {
      const F z = load(in + kLanes * v), target = load(y + kLanes * v);
      const F diff = z - target;
      sum +=
          (layout.classifier ? cross_entropy(z, target) : diff * diff) * load(weight + kLanes * v);
    }
    add_to(total, sum);
  }
  double sum = 0;
  for (int i = 0; i < kLanes / 2; ++i) sum += total[i];
  return sum;
}

double loss_sum(const PlaneLoss::Layout& layout, const float* p, float* scratch) {
  switch (layout.activation) {
    case Activation::tanh:
      return loss_sum_of<Activation::tanh>(layout, p, scratch);
    case Activation::relu:
      return loss_sum_of<Activation::relu>(layout, p, scratch);
    case Activation::sigmoid:
      return loss_sum_of<Activation::sigmoid>(layout, p, scratch);
  }
  return 0;
}

#undef DESCENT_INLINE
