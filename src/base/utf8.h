// UTF-8 helpers: everything shequ stores is UTF-8, and Chinese names are several bytes a character.
//
// Input from outside (JSON bodies, CSV files) is validated before it is stored; lengths that
// people see (a name's 20-character limit) count code points, not bytes. Pure, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace shequ::utf8 {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValid(std::string_view text);

// Number of code points in well-formed `text`.
std::size_t CodePointCount(std::string_view text);

// The longest prefix of `text` with at most `max_code_points` code points, never cutting one.
std::string_view TruncateCodePoints(std::string_view text, std::size_t max_code_points);

// `text` with leading and trailing ASCII whitespace and U+3000 (the ideographic space that Chinese
// input methods type) removed.
std::string_view Trim(std::string_view text);

}  // namespace shequ::utf8
