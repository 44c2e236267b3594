// For tests of the XLSX exports: read one member of a workbook (a zip archive) with the system's
// `unzip`, and count a tag in it. Header-only, tests only.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace shequ::registry::testing {

// What `unzip -p` prints for one member of the archive `bytes` ("" when it is not there).
inline std::string UnzipMember(const std::string& bytes, const std::string& member) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("shequ-xlsx-test-" + std::to_string(::getpid()) + "-" +
                     std::to_string(std::random_device{}()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << bytes;
  std::string out;
  if (FILE* pipe =
          ::popen(("unzip -p " + path.string() + " " + member + " 2>/dev/null").c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    ::pclose(pipe);
  }
  std::filesystem::remove(path);
  return out;
}

// How many times `needle` occurs in `text` (overlapping occurrences count).
inline std::size_t Occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace shequ::registry::testing
