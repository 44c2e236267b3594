#include "api/json_body.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "base/utf8.h"

namespace shequ::api {
namespace {

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// application/json, optionally with charset=utf-8 (RFC 8259 8.1: JSON is UTF-8).
bool IsJsonMediaType(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  if (!EqualsIgnoreCase(TrimSpaces(content_type.substr(0, semicolon)), "application/json")) {
    return false;
  }
  std::string_view parameters =
      semicolon == std::string_view::npos ? std::string_view() : content_type.substr(semicolon + 1);
  while (!parameters.empty()) {
    const std::size_t next = parameters.find(';');
    const std::string_view parameter = TrimSpaces(parameters.substr(0, next));
    parameters = next == std::string_view::npos ? std::string_view() : parameters.substr(next + 1);
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos) continue;
    if (!EqualsIgnoreCase(TrimSpaces(parameter.substr(0, equals)), "charset")) continue;
    std::string_view charset = TrimSpaces(parameter.substr(equals + 1));
    if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"') {
      charset = charset.substr(1, charset.size() - 2);
    }
    if (!EqualsIgnoreCase(charset, "utf-8")) return false;
  }
  return true;
}

// The deepest nesting of arrays and objects, counting brackets outside strings.
int NestingDepth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

bool HasType(const nlohmann::json& value, JsonType type) {
  switch (type) {
    case JsonType::kString:
      return value.is_string();
    case JsonType::kInteger:
      if (value.is_number_unsigned()) {
        return value.get<std::uint64_t>() <=
               static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
      }
      return value.is_number_integer();
    case JsonType::kNumber:
      return value.is_number();
    case JsonType::kBoolean:
      return value.is_boolean();
    case JsonType::kObject:
      return value.is_object();
    case JsonType::kArray:
      return value.is_array();
    case JsonType::kAny:
      return true;
  }
  return false;
}

}  // namespace

std::string_view JsonTypeName(JsonType type) {
  switch (type) {
    case JsonType::kString:
      return "string";
    case JsonType::kInteger:
      return "integer";
    case JsonType::kNumber:
      return "number";
    case JsonType::kBoolean:
      return "boolean";
    case JsonType::kObject:
      return "object";
    case JsonType::kArray:
      return "array";
    case JsonType::kAny:
      return "any";
  }
  return "any";
}

JsonBody ParseJson(const Request& request) {
  const std::optional<std::string_view> content_type = request.Header("Content-Type");
  if (!content_type || !IsJsonMediaType(*content_type)) {
    return std::unexpected(UnsupportedMediaType("Content-Type must be application/json"));
  }
  if (request.body.empty()) return std::unexpected(InvalidJson("the request body is empty"));
  if (!utf8::IsValid(request.body)) {
    return std::unexpected(InvalidJson("the request body is not valid UTF-8"));
  }
  if (NestingDepth(request.body) > kMaxJsonDepth) {
    return std::unexpected(
        InvalidJson(fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth)));
  }
  // Duplicate keys are refused: parsers disagree on which one wins, and a second "role" must not
  // slip past a check of the first. One set of keys per open object.
  std::vector<std::vector<std::string>> open_objects;
  std::string duplicate;
  const auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      open_objects.emplace_back();
    } else if (event == Event::object_end) {
      if (!open_objects.empty()) open_objects.pop_back();
    } else if (event == Event::key && !open_objects.empty()) {
      std::vector<std::string>& keys = open_objects.back();
      const std::string& key = parsed.get_ref<const std::string&>();
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
        if (duplicate.empty()) duplicate = key;
      } else {
        keys.push_back(key);
      }
    }
    return true;
  };
  nlohmann::json value = nlohmann::json::parse(request.body, callback, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::unexpected(InvalidJson("the request body is not JSON"));
  if (!duplicate.empty()) {
    HttpError error = InvalidJson(fmt::format("duplicate key {}", duplicate));
    error.field = duplicate;
    return std::unexpected(std::move(error));
  }
  return value;
}

JsonBody ParseJsonObject(const Request& request, std::span<const JsonField> fields) {
  JsonBody parsed = ParseJson(request);
  if (!parsed) return parsed;
  nlohmann::json& body = *parsed;
  if (!body.is_object()) return std::unexpected(InvalidJson("the request body must be an object"));

  for (const auto& [name, value] : body.items()) {
    const JsonField* declared = nullptr;
    for (const JsonField& field : fields) {
      if (field.name == name) declared = &field;
    }
    if (declared == nullptr) {
      return std::unexpected(ToHttpError(Error{
          ErrorCode::kInvalidArgument, fmt::format("unknown field {}", name), std::string(name)}));
    }
    if (value.is_null() && declared->nullable) continue;
    if (!HasType(value, declared->type)) {
      return std::unexpected(
          ToHttpError(Error{ErrorCode::kInvalidArgument,
                            fmt::format("field {} must be {}{}", name,
                                        declared->type == JsonType::kInteger ? "an " : "a ",
                                        JsonTypeName(declared->type)),
                            std::string(name)}));
    }
  }
  for (const JsonField& field : fields) {
    if (field.presence == kRequired && !body.contains(field.name)) {
      return std::unexpected(ToHttpError(Error{ErrorCode::kInvalidArgument,
                                               fmt::format("field {} is required", field.name),
                                               std::string(field.name)}));
    }
  }
  return parsed;
}

JsonBody ParseJsonObject(const Request& request, std::initializer_list<JsonField> fields) {
  return ParseJsonObject(request, std::span<const JsonField>(fields.begin(), fields.size()));
}

nlohmann::json JsonSchemaOf(std::span<const JsonField> fields) {
  nlohmann::json properties = nlohmann::json::object();
  nlohmann::json required = nlohmann::json::array();
  for (const JsonField& field : fields) {
    nlohmann::json property = nlohmann::json::object();
    if (field.type != JsonType::kAny) property["type"] = JsonTypeName(field.type);
    if (field.type == JsonType::kInteger) property["format"] = "int64";
    if (field.nullable) property["nullable"] = true;
    properties[std::string(field.name)] = std::move(property);
    if (field.presence == kRequired) required.push_back(field.name);
  }
  nlohmann::json schema = {
      {"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

nlohmann::json JsonSchemaOf(std::initializer_list<JsonField> fields) {
  return JsonSchemaOf(std::span<const JsonField>(fields.begin(), fields.size()));
}

}  // namespace shequ::api
