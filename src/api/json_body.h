// Strict parsing of JSON request bodies against a small field list that each handler declares.
//
//   constexpr JsonField kLoginFields[] = {{"login", JsonType::kString},
//                                          {"password", JsonType::kString}};
//   auto body = ParseJsonObject(ctx.request(), kLoginFields);
//   if (!body) return Response::Error(body.error());
//
// The Content-Type must be application/json (415), the body valid UTF-8 and JSON without
// duplicate keys (400 invalid_json), an object whose fields are all declared, of the declared
// type, and present when required (400 invalid_argument naming the field). The same list gives
// the OpenAPI schema.
// Pure functions; thread-safe.
#pragma once

#include <expected>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

#include "api/error_response.h"
#include "api/http_types.h"

namespace shequ::api {

enum class JsonType {
  kString,
  kInteger,  // a JSON number without fraction or exponent that fits in int64
  kNumber,
  kBoolean,
  kObject,
  kArray,
  kAny,
};

std::string_view JsonTypeName(JsonType type);  // "string", "integer", ...

enum class Presence { kRequired, kOptional };
inline constexpr Presence kRequired = Presence::kRequired;
inline constexpr Presence kOptional = Presence::kOptional;

struct JsonField {
  std::string_view name;
  JsonType type = JsonType::kString;
  Presence presence = kRequired;
  bool nullable = false;  // null is accepted as a value (and left in the result)
};

// Nesting deeper than this is refused before parsing (the parser would recurse on it).
inline constexpr int kMaxJsonDepth = 64;

using JsonBody = std::expected<nlohmann::json, HttpError>;

// The request body as a JSON object that matches `fields`. Errors are HttpErrors (415, 400
// invalid_json, 400 invalid_argument with `field`); pass them to Response::Error.
JsonBody ParseJsonObject(const Request& request, std::span<const JsonField> fields);
JsonBody ParseJsonObject(const Request& request, std::initializer_list<JsonField> fields);

// The body as any JSON value: the same media-type, UTF-8 and syntax checks, no schema.
JsonBody ParseJson(const Request& request);

// The OpenAPI schema of an object with `fields` (additionalProperties: false).
nlohmann::json JsonSchemaOf(std::span<const JsonField> fields);
nlohmann::json JsonSchemaOf(std::initializer_list<JsonField> fields);

}  // namespace shequ::api
