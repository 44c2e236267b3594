#include "api/http_types.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

namespace shequ::api {
namespace {

constexpr std::array<std::string_view, kMethodCount> kMethodNames = {
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// splitmix64: fast, and good enough for ids that only need to be unlikely to collide.
std::uint64_t NextRandom() {
  thread_local std::uint64_t state = [] {
    std::random_device device;
    std::uint64_t seed = (static_cast<std::uint64_t>(device()) << 32) ^ device();
    seed ^= static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    seed ^= std::hash<std::thread::id>{}(std::this_thread::get_id());
    return seed;
  }();
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view MethodName(Method method) { return kMethodNames[static_cast<int>(method)]; }

Method ParseMethod(std::string_view name) {
  for (int i = 0; i < kMethodCount - 1; ++i) {
    if (kMethodNames[i] == name) return static_cast<Method>(i);
  }
  return Method::kOther;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string NewRequestId() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t value = NextRandom();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i) {
    id[i] = kHex[value & 0xf];
    value >>= 4;
  }
  return id;
}

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string_view> Headers::Find(std::string_view name) const {
  for (const auto& [field_name, value] : fields_) {
    if (EqualsIgnoreCase(field_name, name)) return std::string_view(value);
  }
  return std::nullopt;
}

void Headers::Add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::Set(std::string_view name, std::string value) {
  Remove(name);
  fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::Remove(std::string_view name) {
  std::erase_if(fields_,
                [name](const Field& field) { return EqualsIgnoreCase(field.first, name); });
}

std::optional<std::string_view> Request::QueryParam(std::string_view name) const {
  for (const auto& parameter : query) {
    if (parameter.name == name) return std::string_view(parameter.value);
  }
  return std::nullopt;
}

std::string_view Request::PathParam(std::string_view name) const {
  for (const auto& parameter : path_params) {
    if (parameter.name == name) return parameter.value;
  }
  return {};
}

Result<std::int64_t> Request::PathParamInt(std::string_view name) const {
  const std::string_view text = PathParam(name);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return InvalidArgument(fmt::format("path parameter {} must be an integer", name),
                           std::string(name));
  }
  return value;
}

std::optional<std::string_view> Request::Cookie(std::string_view name) const {
  // Cookie: a=1; b=2 (RFC 6265 4.2.1). A client may send several Cookie fields.
  for (const auto& [field_name, value] : headers) {
    if (!EqualsIgnoreCase(field_name, "cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const std::size_t semicolon = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      const std::size_t equals = pair.find('=');
      if (equals == std::string_view::npos) continue;
      if (Trim(pair.substr(0, equals)) != name) continue;
      std::string_view cookie = Trim(pair.substr(equals + 1));
      if (cookie.size() >= 2 && cookie.front() == '"' && cookie.back() == '"') {
        cookie = cookie.substr(1, cookie.size() - 2);
      }
      return cookie;
    }
  }
  return std::nullopt;
}

Response Response::Json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response Response::Text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

Response Response::NoContent() {
  Response response;
  response.status = 204;
  return response;
}

}  // namespace shequ::api
