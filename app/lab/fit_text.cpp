#include "fit_text.hpp"

#include <algorithm>

namespace descent {

std::string fit_text(std::string_view text, float width,
                     const std::function<float(std::string_view)>& measure) {
  if (measure(text) <= width) return std::string(text);
  std::string cut;
  for (std::size_t end = text.rfind(' '); end != std::string_view::npos && end > 0;
       end = text.rfind(' ', end - 1)) {
    const std::string_view head = text.substr(0, end);
    const auto open = std::count(head.begin(), head.end(), '('),
               closed = std::count(head.begin(), head.end(), ')');
    cut = std::string(head) + "…" + (open > closed ? ")" : "");
    if (measure(cut) <= width) return cut;
  }
  return cut.empty() ? std::string(text) : cut;
}

}  // namespace descent
