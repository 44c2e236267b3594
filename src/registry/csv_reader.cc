#include "registry/csv_reader.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/utf8.h"

namespace shequ::registry {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  });
}

int RowAt(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

// The first offset at which `bytes` stops being valid UTF-8 (bytes.size() when it never does).
std::size_t FirstInvalidUtf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || i + length > bytes.size()) return i;
    // Valid continuation bytes are not enough: utf8::IsValid also refuses overlong forms and
    // surrogates, so the sequence is checked whole.
    if (!utf8::IsValid(bytes.substr(i, length))) return i;
    i += length;
  }
  return i;
}

CsvResult<std::string> FromGb18030(std::string_view bytes) {
  iconv_t converter = iconv_open("UTF-8", "GB18030");
  // (iconv_t)-1 is iconv_open's documented failure value.
  if (converter == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
    return std::unexpected(CsvError{0, "this system cannot decode GB18030"});
  }
  // GB18030 takes 1-4 bytes per character, UTF-8 at most 4 per character: twice the input (plus
  // slack for short inputs) always suffices, but E2BIG is handled anyway.
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_pointer = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
  std::size_t in_left = bytes.size();
  char* out_pointer = out.data();
  std::size_t out_left = out.size();
  std::optional<CsvError> error;
  while (in_left > 0) {
    if (iconv(converter, &in_pointer, &in_left, &out_pointer, &out_left) != static_cast<size_t>(-1))
      continue;
    if (errno == E2BIG) {
      const std::size_t used = out.size() - out_left;
      out.resize(out.size() * 2);
      out_pointer = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    const std::size_t offset = bytes.size() - in_left;
    error = CsvError{RowAt(bytes, offset), "the file is neither UTF-8 nor GB18030 text"};
    break;
  }
  iconv_close(converter);
  if (error) return std::unexpected(std::move(*error));
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

std::optional<CsvEncoding> ParseCsvEncoding(std::string_view name) {
  if (EqualsIgnoreCase(name, "utf-8") || EqualsIgnoreCase(name, "utf8")) return CsvEncoding::kUtf8;
  if (EqualsIgnoreCase(name, "gb18030")) return CsvEncoding::kGb18030;
  return std::nullopt;
}

CsvResult<std::string> DecodeCsvText(std::string_view bytes, std::optional<CsvEncoding> encoding) {
  std::string text;
  if (!encoding) {
    encoding = utf8::IsValid(bytes) ? CsvEncoding::kUtf8 : CsvEncoding::kGb18030;
  }
  if (*encoding == CsvEncoding::kUtf8) {
    if (const std::size_t bad = FirstInvalidUtf8(bytes); bad < bytes.size()) {
      return std::unexpected(CsvError{RowAt(bytes, bad), "the file is not valid UTF-8 text"});
    }
    text = bytes;
  } else {
    auto decoded = FromGb18030(bytes);
    if (!decoded) return std::unexpected(std::move(decoded).error());
    text = std::move(*decoded);
  }
  // GB18030's own mark (84 31 95 33) decodes to U+FEFF too, so one check covers both.
  if (text.starts_with(kUtf8Bom)) text.erase(0, kUtf8Bom.size());
  return text;
}

CsvResult<bool> CsvCursor::Next(CsvRecord& record) {
  const std::string_view text = text_;
  std::size_t& i = offset_;
  int& line = line_;
  while (i < text.size()) {
    record.row = line;
    std::size_t count = 0;  // fields of this record so far; record.fields keeps its strings
    bool end_of_record = false;
    while (!end_of_record) {
      if (count == record.fields.size()) record.fields.emplace_back();
      std::string& field = record.fields[count++];
      field.clear();
      if (i < text.size() && text[i] == '"') {
        const int opened_on = line;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          const char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field.push_back('"');
              ++i;
              continue;
            }
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
        }
        if (!closed) {
          return std::unexpected(CsvError{opened_on, "a quoted field is not closed"});
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return std::unexpected(CsvError{line, "text after a closing quote"});
        }
      } else {
        const std::size_t start = i;
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            return std::unexpected(
                CsvError{line, "a quote inside an unquoted field (quote the whole field)"});
          }
          ++i;
        }
        field.assign(text.substr(start, i - start));
      }
      if (i >= text.size()) {
        end_of_record = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        // CRLF or LF; a lone CR (old Mac files) ends the record as well.
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        end_of_record = true;
      }
    }
    record.fields.resize(count);
    const bool blank = count == 1 && record.fields[0].empty();
    if (!blank) return true;
  }
  return false;
}

CsvResult<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  std::vector<CsvRecord> records;
  CsvCursor cursor(text);
  CsvRecord record;
  while (true) {
    auto more = cursor.Next(record);
    if (!more) return std::unexpected(std::move(more).error());
    if (!*more) break;
    records.push_back(record);
  }
  return records;
}

std::string FormatCsvRecord(const std::vector<std::string_view>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    const std::string_view field = fields[i];
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
      line.append(field);
      continue;
    }
    line.push_back('"');
    for (char c : field) {
      if (c == '"') line.push_back('"');
      line.push_back(c);
    }
    line.push_back('"');
  }
  line.append("\r\n");
  return line;
}

}  // namespace shequ::registry
