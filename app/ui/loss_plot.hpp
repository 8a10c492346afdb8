#pragma once
// Loss against step for every run: log scale by default (relative to the best known value when
// there is one), the playback cursor, a hover readout; click or drag to scrub. Runs on
// mini-batches also show, fainter, the loss of each step's batch.
#include <map>
#include <vector>

#include <imgui.h>

#include "frame.hpp"
#include "loss_envelope.hpp"

namespace descent::ui {

class LossPlot {
 public:
  void draw(Frame& frame);

 private:
  std::map<RunId, LossEnvelope> m_envelopes, m_batch_envelopes;
  std::vector<ImVec2> m_scratch;
};

}  // namespace descent::ui
