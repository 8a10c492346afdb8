#pragma once
// Registry entries of every model; each is defined in the file holding its loss.
#include "../model_registry.hpp"

namespace descent {

ModelInfo linear_mse_model();
ModelInfo logistic_bce_model();

// A view box centred on `centre` (the fitted parameters) that also shows a start away from it.
Box model_view(const Vec2& centre);
Vec2 model_start(const Vec2& centre);

}  // namespace descent
