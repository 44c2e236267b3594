#include "eldercare/workforce/qualification.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <iostream>

namespace shequ::eldercare {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cells;
  while (true) {
    const std::size_t tab = line.find('\t');
    cells.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return cells;
}

}  // namespace

bool IsWorkforceCode(std::string_view code) {
  if (code.empty() || code.size() > 40 || code[0] < 'a' || code[0] > 'z') return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Result<std::vector<Qualification>> ParseQualificationTable(std::string_view tsv) {
  std::vector<Qualification> table;
  bool header_seen = false;
  int line_number = 0;
  while (!tsv.empty()) {
    const std::size_t end = tsv.find('\n');
    std::string_view line = tsv.substr(0, end);
    tsv.remove_prefix(end == std::string_view::npos ? tsv.size() : end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto cells = SplitTabs(line);
    const auto bad = [&](std::string_view what) {
      return InvalidArgument(fmt::format("qualifications line {}: {}", line_number, what), "table");
    };
    if (!header_seen) {
      if (cells.size() != 5 || cells[0] != "code" || cells[1] != "name_zh" ||
          cells[2] != "name_en" || cells[3] != "validity_years" || cells[4] != "source") {
        return bad("the header is code, name_zh, name_en, validity_years, source");
      }
      header_seen = true;
      continue;
    }
    if (cells.size() != 5) return bad("a line has 5 tab-separated cells");
    if (!IsWorkforceCode(cells[0])) return bad("a code is lower-case letters, digits and '_'");
    if (cells[1].empty() || cells[2].empty()) return bad("give the Chinese and English names");
    int years = -1;
    const auto parsed = std::from_chars(cells[3].data(), cells[3].data() + cells[3].size(), years);
    if (parsed.ec != std::errc() || parsed.ptr != cells[3].data() + cells[3].size() || years < 0 ||
        years > 50) {
      return bad("validity_years is a whole number 0..50");
    }
    if (FindQualification(table, cells[0]) != nullptr) return bad("the code appears twice");
    table.push_back({.code = std::string(cells[0]),
                     .name_zh = std::string(cells[1]),
                     .name_en = std::string(cells[2]),
                     .validity_years = years,
                     .source = std::string(cells[4])});
  }
  if (table.empty()) return InvalidArgument("the qualification table is empty", "table");
  return table;
}

const std::vector<Qualification>& DefaultQualifications() {
  static const std::vector<Qualification> table = [] {
    auto parsed = ParseQualificationTable(DefaultQualificationsTsv());
    if (!parsed) {
      std::cerr << "built-in qualification table: " << parsed.error().message << "\n";
      std::abort();
    }
    return std::move(*parsed);
  }();
  return table;
}

const Qualification* FindQualification(const std::vector<Qualification>& table,
                                       std::string_view code) {
  for (const auto& qualification : table) {
    if (qualification.code == code) return &qualification;
  }
  return nullptr;
}

}  // namespace shequ::eldercare
