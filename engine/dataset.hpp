#pragma once
// A dataset of (x, y) samples that a model is fitted to.
#include <string>

#include <Eigen/Core>

namespace descent {

struct Dataset {
  std::string source;  // file name or generator description
  Eigen::ArrayXd x, y;
  std::size_t size() const { return static_cast<std::size_t>(x.size()); }
};

// Columns "x" and "y" when the file has such a header, else its first two columns.
// Throws std::invalid_argument (see read_numeric_csv) naming the file, line and column.
Dataset load_dataset_csv(const std::string& path);

}  // namespace descent
