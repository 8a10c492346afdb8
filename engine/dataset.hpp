#pragma once
// A dataset a model is fitted to: one or two feature columns and a target column.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "csv.hpp"

namespace descent {

struct Dataset {
  std::string source;  // file name or generator description
  std::vector<std::string> feature_names;
  std::vector<Eigen::ArrayXd> features;  // each of size(); one or two
  std::string target_name;
  Eigen::ArrayXd target;
  std::vector<std::string> source_columns;  // every column of the file it came from
  std::string warning;  // what reading the file decided that a user should know (NumericTable's)

  std::size_t size() const { return static_cast<std::size_t>(target.size()); }
  int feature_count() const { return static_cast<int>(features.size()); }
};

// Which columns of a table to use: the features then the target, each a column name or a
// 1-based column number. Empty: the columns named x (or x1, x2) and y when the table has
// them, else its first columns in order.
struct ColumnChoice {
  std::vector<std::string> features;
  std::string target;
  bool operator==(const ColumnChoice&) const = default;
};

// `features`: how many feature columns the model needs. Throws std::invalid_argument naming
// the source and the column: an unknown column (listing the table's), too few columns.
Dataset dataset_from_table(const NumericTable& table, const std::string& source, int features,
                           const ColumnChoice& choice = {});

// read_numeric_csv, then dataset_from_table.
Dataset load_dataset_csv(const std::string& path, int features = 1,
                         const ColumnChoice& choice = {});

// "x,y" CSV text of the dataset, 17 significant digits.
std::string dataset_to_csv(const Dataset& data);

}  // namespace descent
