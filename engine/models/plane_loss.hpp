#pragma once
// A network's loss at many points of a plane at once, in float32 SIMD: what the canvas colours.
//   loss(a, b) = mean over samples of ℓ(z(center + a·d1 + b·d2; x), y)   (models/network.hpp)
// Each point's weights W_l(a, b) = W_l(c) + a·W_l(d1) + b·W_l(d2) are formed in double and
// rounded to float once; the forward pass runs 16 samples at a time through every layer (tiles
// of 4 outputs x 16 samples of multiply-adds; 2 x 16 without AVX2), with float σ:
//   e^x (x <= 0)  = 2^k·(1 + r + r²·P(r)), x = k·ln2 + r, |r| <= ln2/2 (Cephes' expf)
//   tanh(u)       = sign(u)·(1 - e)/(1 + e),   e = e^(-2|u|)
//   sigmoid(u)    = (u >= 0 ? 1 : e)/(1 + e),  e = e^(-|u|)
//   log1p(e)      = 2·atanh(t) = 2t·(1 + t²/3 + ... + t¹²/13), t = e/(2 + e) <= 1/3
// and each block's losses summed into a double. Within a relative 1e-5 of Network::value where
// the loss is not tiny (about 1e-6 absolute per unit of |z|): exact enough to colour contours,
// not to train with; runs use Network itself. The first layer's pre-activation is affine in
// (a, b) too, but with two inputs W_1(a, b)·x costs what Z(c) + a·Z(d1) + b·Z(d2) would, so it
// is not cached. Where the CPU has AVX2 and FMA the kernel uses them; elsewhere it stays SSE2.
#include <cstddef>
#include <span>
#include <vector>

#include "../plane.hpp"
#include "../types.hpp"
#include "network.hpp"

namespace descent {

class PlaneLoss {
 public:
  // Which compiled kernel evaluates: the fastest this CPU runs, or one forced (tests).
  enum class Kernel { best, portable, avx2_fma };

  // Copies what it needs of the network's data and the plane (same dimension as the network's:
  // else std::invalid_argument). The network's shape, activation and task are fixed here.
  PlaneLoss(const Network& network, const Plane& plane);

  // out[i] = the loss at center + a·d1 + b·d2 for (a, b) = points[i]. Safe from many threads.
  // Throws std::invalid_argument when the sizes differ, or when `kernel` is avx2_fma on a CPU
  // without AVX2 and FMA.
  void values(std::span<const Vec2> points, std::span<double> out,
              Kernel kernel = Kernel::best) const;

  // What one point costs, in units of Objective::evaluation_cost (about 0.7 ns on two cores).
  double point_cost() const;
  // Whether this CPU runs the AVX2 and FMA kernel.
  static bool avx2_fma_supported();

  // [SECTION] the packed layout the kernels read (public for them; not an interface)
  struct Layer {
    int in = 0;               // input rows (2, or the previous layer's padded width)
    int rows = 0;             // output rows: the width padded to a multiple of 4 (1 for the output)
    std::size_t weights = 0;  // rows x in, row-major, in the packed parameters
    std::size_t bias = 0;     // rows
    bool hidden = true;
  };
  struct Layout {
    std::vector<Layer> layers;
    Activation activation = Activation::tanh;
    bool classifier = true;
    std::size_t blocks = 0;       // of 16 samples, the last padded with weight 0
    std::vector<float> x;         // per block: 16 of x1, then 16 of x2
    std::vector<float> y;         // per block: 16 targets
    std::vector<float> weight;    // per block: 16 of 1 (a sample) or 0 (padding)
    std::size_t widest = 0;       // rows of the widest layer
    std::size_t packed_size = 0;  // floats of the packed parameters
  };

 private:
  Layout m_layout;
  // The plane's center and directions in the packed order (padding stays 0).
  std::vector<double> m_center, m_d1, m_d2;
  std::size_t m_samples = 0;
  double m_point_cost = 0;
};

}  // namespace descent
