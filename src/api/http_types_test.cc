#include "api/http_types.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

namespace shequ::api {
namespace {

TEST(MethodTest, NamesRoundTrip) {
  for (Method method : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                        Method::kDelete, Method::kOptions}) {
    EXPECT_EQ(ParseMethod(MethodName(method)), method);
  }
  EXPECT_EQ(ParseMethod("get"), Method::kOther);  // methods are case-sensitive
  EXPECT_EQ(ParseMethod("BREW"), Method::kOther);
}

TEST(HeadersTest, FindsNamesCaseInsensitively) {
  Headers headers;
  headers.Add("Content-Type", "application/json");
  headers.Add("X-Thing", "1");
  headers.Add("x-thing", "2");
  EXPECT_EQ(headers.Find("content-type"), "application/json");
  EXPECT_EQ(headers.Find("X-THING"), "1");  // the first of several
  EXPECT_FALSE(headers.Find("Accept").has_value());
  headers.Set("X-Thing", "3");
  EXPECT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers.Find("x-thing"), "3");
  headers.Remove("CONTENT-TYPE");
  EXPECT_FALSE(headers.Contains("Content-Type"));
}

TEST(PercentDecodeTest, DecodesAndRejectsMalformedEscapes) {
  struct Row {
    std::string_view input;
    bool plus_as_space;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      {"plain", false, "plain"},
      {"a%20b", false, "a b"},
      {"a+b", false, "a+b"},
      {"a+b", true, "a b"},
      {"%E7%A4%BE%E5%8C%BA", false, "社区"},
      {"%2e%2E", false, ".."},
      {"%", false, std::nullopt},
      {"%4", false, std::nullopt},
      {"%zz", false, std::nullopt},
      {"abc%", false, std::nullopt},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(PercentDecode(row.input, row.plus_as_space), row.expected) << row.input;
  }
}

TEST(RequestIdTest, FreshIdsAreShortHexAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewRequestId();
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_TRUE(IsValidRequestId(id));
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RequestIdTest, IncomingIdsAreChecked) {
  EXPECT_TRUE(IsValidRequestId("abc-123_X.y"));
  EXPECT_FALSE(IsValidRequestId(""));
  EXPECT_FALSE(IsValidRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidRequestId("a b"));
  EXPECT_FALSE(IsValidRequestId("a\r\nX-Evil: 1"));
  EXPECT_FALSE(IsValidRequestId("社区"));
}

TEST(RequestTest, CookieLookup) {
  Request request;
  request.headers.Add("Cookie", "theme=dark; shequ_session=abc123;  lang=zh-CN");
  request.headers.Add("cookie", "late=\"quoted\"");
  EXPECT_EQ(request.Cookie("shequ_session"), "abc123");
  EXPECT_EQ(request.Cookie("lang"), "zh-CN");
  EXPECT_EQ(request.Cookie("late"), "quoted");
  EXPECT_FALSE(request.Cookie("session").has_value());
  EXPECT_FALSE(request.Cookie("shequ").has_value());
}

TEST(RequestTest, QueryAndPathParameters) {
  Request request;
  request.query = {{"page", "2"}, {"q", "王 府井"}};
  request.path_params = {{"id", "42"}, {"name", "abc"}};
  EXPECT_EQ(request.QueryParam("q"), "王 府井");
  EXPECT_FALSE(request.QueryParam("size").has_value());
  EXPECT_EQ(request.PathParam("name"), "abc");
  EXPECT_EQ(request.PathParam("missing"), "");
  EXPECT_EQ(request.PathParamInt("id"), 42);
  const Result<std::int64_t> bad = request.PathParamInt("name");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field, "name");
}

TEST(ResponseTest, Helpers) {
  const Response json = Response::Json(201, {{"name", "社区"}});
  EXPECT_EQ(json.status, 201);
  EXPECT_EQ(json.content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(json.body)["name"], "社区");

  // Invalid UTF-8 in a string is replaced rather than thrown.
  const Response replaced = Response::Json(200, {{"bad", std::string("\xff")}});
  EXPECT_EQ(replaced.status, 200);
  EXPECT_FALSE(replaced.body.empty());

  EXPECT_EQ(Response::NoContent().status, 204);
  const Response text = Response::Text(200, "hi");
  EXPECT_EQ(text.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(text.body, "hi");
}

}  // namespace
}  // namespace shequ::api
