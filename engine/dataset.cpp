#include "dataset.hpp"

#include <algorithm>
#include <stdexcept>

#include "csv.hpp"
#include "text.hpp"

namespace descent {

Dataset load_dataset_csv(const std::string& path) {
  NumericTable table = read_numeric_csv(path);
  if (table.columns.size() < 2)
    throw std::invalid_argument(
        cat(path, ": needs two columns x,y but has ", table.columns.size()));
  auto column = [&](const char* name, std::size_t fallback) {
    auto it = std::find(table.columns.begin(), table.columns.end(), name);
    return it != table.columns.end() ? static_cast<std::size_t>(it - table.columns.begin())
                                     : fallback;
  };
  const auto& xs = table.values[column("x", 0)];
  const auto& ys = table.values[column("y", 1)];
  Dataset data;
  data.source = path;
  data.x = Eigen::Map<const Eigen::ArrayXd>(xs.data(), static_cast<Eigen::Index>(xs.size()));
  data.y = Eigen::Map<const Eigen::ArrayXd>(ys.data(), static_cast<Eigen::Index>(ys.size()));
  return data;
}

}  // namespace descent
