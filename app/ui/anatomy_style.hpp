#pragma once
// How step anatomy is drawn, shared by the canvas's arrows and the instruments' legend: each
// part of a step in its own colour, the step taken in white, -lr·g dashed grey.
#include <cstddef>
#include <string>

#include "palette.hpp"

namespace descent::ui {

// The colour of a step's part: by name for the parts most rules have, so "momentum" is the
// same colour for every optimizer; by position for the others (Newton's axes).
Rgb part_colour(const std::string& name, std::size_t index);
inline constexpr Rgb kStepColour{0xFF, 0xFF, 0xFF};
inline constexpr Rgb kGuideColour{0xBB, 0xBB, 0xBB};
inline constexpr Rgb kUnclippedColour{0xCC, 0x33, 0x11};

}  // namespace descent::ui
