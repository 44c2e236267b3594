// The qualification table (资质): which certificates the workforce can hold, their names in
// Chinese and English and how long one runs. It is data, data/qualifications.tsv, compiled into
// the binary (cmake/embed_text.cmake); docs/workforce.md says how to edit it. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace shequ::eldercare {

struct Qualification {
  std::string code;  // 'caregiver_cert'; what certificates and the home-care catalogue name
  std::string name_zh;
  std::string name_en;
  int validity_years = 0;  // 0: no fixed term
  std::string source;      // "[memory] ..." or "[local rule] ..."
};

// Parses the TSV: '#' lines are notes, then a header with the columns code, name_zh, name_en,
// validity_years, source (in that order), then one qualification a line. kInvalidArgument
// naming the line for a missing cell, a bad code (lower-case letters, digits, '_'), a negative
// or non-numeric validity, a duplicate code or an empty table.
Result<std::vector<Qualification>> ParseQualificationTable(std::string_view tsv);

// The table as shipped (data/qualifications.tsv), parsed once. The build's unit test proves it
// parses; a broken table aborts at first use rather than serving half a table.
const std::vector<Qualification>& DefaultQualifications();
std::string_view DefaultQualificationsTsv();  // generated from the file at build time

const Qualification* FindQualification(const std::vector<Qualification>& table,
                                       std::string_view code);

// A code as the workforce uses them: 1-40 of [a-z0-9_], starting with a letter.
bool IsWorkforceCode(std::string_view code);

}  // namespace shequ::eldercare
