#include "dataset.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "text.hpp"
#include "whole_number.hpp"

namespace descent {
namespace {

// A column by name or 1-based number.
std::size_t find_column(const NumericTable& table, const std::string& source,
                        const std::string& wanted) {
  auto it = std::find(table.columns.begin(), table.columns.end(), wanted);
  if (it != table.columns.end()) return static_cast<std::size_t>(it - table.columns.begin());
  double number = 0;
  if (parse_number(wanted, number))
    if (auto column = to_whole<std::size_t>(number, 1, table.columns.size())) return *column - 1;
  throw std::invalid_argument(cat(source, ": no column '", wanted, "'; the columns are ",
                                  join_some(table.columns, 12), " (or give a number from 1 to ",
                                  table.columns.size(), ")"));
}

}  // namespace

Dataset dataset_from_table(const NumericTable& table, const std::string& source, int features,
                           const ColumnChoice& choice) {
  const auto needed = static_cast<std::size_t>(features) + 1;
  std::vector<std::size_t> columns;
  if (!choice.features.empty() || !choice.target.empty()) {
    if (choice.features.size() != static_cast<std::size_t>(features) || choice.target.empty())
      throw std::invalid_argument(cat(source, ": choose ", features,
                                      features == 1 ? " feature column" : " feature columns",
                                      " and a target column"));
    for (const auto& name : choice.features) columns.push_back(find_column(table, source, name));
    columns.push_back(find_column(table, source, choice.target));
  } else {
    if (table.columns.size() < needed)
      throw std::invalid_argument(cat(source, ": needs ", needed, " columns (",
                                      features == 1 ? "x,y" : "x1,x2,y", ") but has ",
                                      table.columns.size()));
    std::vector<std::string> named = features == 1 ? std::vector<std::string>{"x", "y"}
                                                   : std::vector<std::string>{"x1", "x2", "y"};
    bool by_name = std::all_of(named.begin(), named.end(), [&](const std::string& n) {
      return std::find(table.columns.begin(), table.columns.end(), n) != table.columns.end();
    });
    for (std::size_t i = 0; i < needed; ++i)
      columns.push_back(by_name ? find_column(table, source, named[i]) : i);
  }
  auto column = [&](std::size_t c) {
    const auto& v = table.values[c];
    return Eigen::ArrayXd(
        Eigen::Map<const Eigen::ArrayXd>(v.data(), static_cast<Eigen::Index>(v.size())));
  };
  Dataset data;
  data.source = source;
  for (int f = 0; f < features; ++f) {
    data.feature_names.push_back(table.columns[columns[static_cast<std::size_t>(f)]]);
    data.features.push_back(column(columns[static_cast<std::size_t>(f)]));
  }
  data.target_name = table.columns[columns.back()];
  data.source_columns = table.columns;
  data.warning = table.warning;
  data.target = column(columns.back());
  return data;
}

Dataset load_dataset_csv(const std::string& path, int features, const ColumnChoice& choice) {
  return dataset_from_table(read_numeric_csv(path), path, features, choice);
}

std::string dataset_to_csv(const Dataset& data) {
  std::string out;
  for (const auto& name : data.feature_names) out += name + ",";
  out += data.target_name + "\n";
  for (std::size_t i = 0; i < data.size(); ++i) {
    for (const auto& f : data.features) out += format_exact(f[static_cast<Eigen::Index>(i)]) + ",";
    out += format_exact(data.target[static_cast<Eigen::Index>(i)]) + "\n";
  }
  return out;
}

}  // namespace descent
