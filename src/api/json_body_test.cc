#include "api/json_body.h"

#include <gtest/gtest.h>

#include "api/error_response.h"

namespace shequ::api {
namespace {

constexpr JsonField kFields[] = {
    {"login", JsonType::kString},
    {"age", JsonType::kInteger, kOptional},
    {"ratio", JsonType::kNumber, kOptional},
    {"active", JsonType::kBoolean, kOptional},
    {"address", JsonType::kObject, kOptional},
    {"tags", JsonType::kArray, kOptional},
    {"note", JsonType::kString, kOptional, /*nullable=*/true},
};

Request JsonRequest(std::string body, std::string content_type = "application/json") {
  Request request;
  request.method = Method::kPost;
  request.path = "/api/v1/things";
  if (!content_type.empty()) request.headers.Add("Content-Type", std::move(content_type));
  request.body = std::move(body);
  return request;
}

TEST(JsonBodyTest, AcceptsAMatchingObject) {
  const JsonBody body = ParseJsonObject(
      JsonRequest(R"({"login":"wang","age":70,"ratio":0.5,"active":true,"address":{},)"
                  R"("tags":["a"],"note":null})"),
      kFields);
  ASSERT_TRUE(body.has_value()) << body.error().message;
  EXPECT_EQ((*body)["login"], "wang");
  EXPECT_EQ((*body)["age"], 70);
  EXPECT_TRUE((*body)["note"].is_null());
}

TEST(JsonBodyTest, InitializerListForm) {
  const JsonBody body = ParseJsonObject(
      JsonRequest(R"({"login":"li","password":"secret"})"),
      {{"login", JsonType::kString, kRequired}, {"password", JsonType::kString, kRequired}});
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ((*body)["password"], "secret");
}

TEST(JsonBodyTest, AcceptsUtf8CharsetParameter) {
  EXPECT_TRUE(
      ParseJsonObject(JsonRequest(R"({"login":"王"})", "application/json; charset=UTF-8"), kFields)
          .has_value());
  EXPECT_TRUE(
      ParseJsonObject(JsonRequest(R"({"login":"王"})", "Application/JSON"), kFields).has_value());
}

// One row per way a body can be wrong: the status, code and field of the answer.
TEST(JsonBodyTest, RejectsBadBodies) {
  struct Row {
    std::string_view name;
    std::string body;
    std::string content_type;
    int status;
    std::string_view code;
    std::string_view field;
  };
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const Row rows[] = {
      {"no content type", R"({"login":"a"})", "", 415, "unsupported_media_type", ""},
      {"form content type", "login=a", "application/x-www-form-urlencoded", 415,
       "unsupported_media_type", ""},
      {"text content type", R"({"login":"a"})", "text/plain", 415, "unsupported_media_type", ""},
      {"latin-1 charset", R"({"login":"a"})", "application/json; charset=latin1", 415,
       "unsupported_media_type", ""},
      {"empty", "", "application/json", 400, "invalid_json", ""},
      {"malformed", R"({"login":)", "application/json", 400, "invalid_json", ""},
      {"trailing garbage", R"({"login":"a"} x)", "application/json", 400, "invalid_json", ""},
      {"invalid utf-8", "{\"login\":\"\xff\xfe\"}", "application/json", 400, "invalid_json", ""},
      {"overlong utf-8", "{\"login\":\"\xc0\xaf\"}", "application/json", 400, "invalid_json", ""},
      {"lone surrogate escape", R"({"login":"\ud800"})", "application/json", 400, "invalid_json",
       ""},
      {"too deep", deep, "application/json", 400, "invalid_json", ""},
      {"not an object", R"(["login"])", "application/json", 400, "invalid_json", ""},
      {"duplicate key", R"({"login":"a","login":"b"})", "application/json", 400, "invalid_json",
       "login"},
      {"nested duplicate key", R"({"login":"a","address":{"x":1,"x":2}})", "application/json", 400,
       "invalid_json", "x"},
      {"unknown field", R"({"login":"a","admin":true})", "application/json", 400,
       "invalid_argument", "admin"},
      {"missing required", R"({"age":3})", "application/json", 400, "invalid_argument", "login"},
      {"string for integer", R"({"login":"a","age":"3"})", "application/json", 400,
       "invalid_argument", "age"},
      {"float for integer", R"({"login":"a","age":3.5})", "application/json", 400,
       "invalid_argument", "age"},
      {"integer too large", R"({"login":"a","age":18446744073709551615})", "application/json", 400,
       "invalid_argument", "age"},
      {"number for string", R"({"login":5})", "application/json", 400, "invalid_argument", "login"},
      {"null for non-nullable", R"({"login":null})", "application/json", 400, "invalid_argument",
       "login"},
      {"string for boolean", R"({"login":"a","active":"yes"})", "application/json", 400,
       "invalid_argument", "active"},
      {"array for object", R"({"login":"a","address":[]})", "application/json", 400,
       "invalid_argument", "address"},
  };
  for (const Row& row : rows) {
    const JsonBody body = ParseJsonObject(JsonRequest(row.body, row.content_type), kFields);
    ASSERT_FALSE(body.has_value()) << row.name;
    EXPECT_EQ(body.error().status, row.status) << row.name;
    EXPECT_EQ(body.error().code, row.code) << row.name;
    EXPECT_EQ(body.error().field, row.field) << row.name;
  }
}

TEST(JsonBodyTest, ErrorResponseNamesTheField) {
  const JsonBody body = ParseJsonObject(JsonRequest(R"({"login":"a","x":1})"), kFields);
  ASSERT_FALSE(body.has_value());
  const Response response = Response::Error(body.error());
  EXPECT_EQ(response.status, 400);
  const auto json = nlohmann::json::parse(response.body);
  EXPECT_EQ(json["error"]["code"], "invalid_argument");
  EXPECT_EQ(json["error"]["field"], "x");
  EXPECT_EQ(json["error"]["message"], "unknown field x");
}

TEST(JsonBodyTest, SchemaOfFields) {
  const nlohmann::json schema = JsonSchemaOf(kFields);
  EXPECT_EQ(schema["type"], "object");
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["required"], nlohmann::json::array({"login"}));
  EXPECT_EQ(schema["properties"]["age"]["type"], "integer");
  EXPECT_EQ(schema["properties"]["note"]["nullable"], true);
}

}  // namespace
}  // namespace shequ::api
