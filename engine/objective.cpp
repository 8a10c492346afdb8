#include "objective.hpp"

namespace descent {

const char* to_string(PointKind kind) {
  switch (kind) {
    case PointKind::global_min:
      return "global minimum";
    case PointKind::local_min:
      return "local minimum";
    case PointKind::saddle:
      return "saddle point";
  }
  return "?";
}

}  // namespace descent
