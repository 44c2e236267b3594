#include "api/static_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace shequ::api {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndex = "<!doctype html><title>社区</title>";
constexpr std::string_view kSecret = "the secret outside the web root";

void WriteFile(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

// A temporary directory holding web/ (the root) and outside/ (what must never be served).
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "shequ-static-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    root_ = base_ / "web";
    WriteFile(root_ / "index.html", kIndex);
    WriteFile(root_ / "assets/app-3f9a1c.js", "console.log(1)");
    WriteFile(root_ / "assets/app-3f9a1c.js.map", "{}");
    WriteFile(root_ / "assets/index-77aa.css", "body{}");
    WriteFile(root_ / "assets/maplibre-gl-worker-1b2c.mjs", "export {}");
    WriteFile(root_ / "assets/inter-400.woff2", "wOF2");
    WriteFile(root_ / "assets/geo.wasm", "\0asm");
    WriteFile(root_ / "favicon.ico", "ico");
    WriteFile(root_ / "logo.svg", "<svg/>");
    WriteFile(root_ / "logo.png", "png");
    WriteFile(root_ / "config.json", "{}");
    WriteFile(root_ / "robots.txt", "User-agent: *");
    WriteFile(root_ / ".env", "SECRET=1");
    WriteFile(base_ / "outside/secret.txt", kSecret);
    WriteFile(base_ / "web-evil/secret.txt", kSecret);  // shares the root's name as a prefix
    fs::create_symlink(base_ / "outside/secret.txt", root_ / "link.txt");
    fs::create_directory_symlink(base_ / "outside", root_ / "linkdir");
    fs::create_symlink(root_ / "logo.svg", root_ / "inside-link.svg");

    Result<StaticFiles> files = StaticFiles::Open(root_);
    ASSERT_TRUE(files.has_value());
    files_.emplace(std::move(*files));
  }

  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(base_, ignored);
  }

  Response Get(std::string path, std::string if_none_match = {}) const {
    Request request;
    request.method = Method::kGet;
    request.path = std::move(path);
    if (!if_none_match.empty()) request.headers.Add("If-None-Match", std::move(if_none_match));
    return files_->Serve(request);
  }

  fs::path base_;
  fs::path root_;
  std::optional<StaticFiles> files_;
};

TEST_F(StaticFilesTest, ContentTypes) {
  struct Row {
    std::string path;
    std::string_view type;
  };
  const Row rows[] = {
      {"/index.html", "text/html; charset=utf-8"},
      {"/assets/app-3f9a1c.js", "text/javascript; charset=utf-8"},
      {"/assets/maplibre-gl-worker-1b2c.mjs", "text/javascript; charset=utf-8"},
      {"/assets/index-77aa.css", "text/css; charset=utf-8"},
      {"/assets/app-3f9a1c.js.map", "application/json"},
      {"/assets/inter-400.woff2", "font/woff2"},
      {"/assets/geo.wasm", "application/wasm"},
      {"/config.json", "application/json"},
      {"/logo.svg", "image/svg+xml"},
      {"/logo.png", "image/png"},
      {"/favicon.ico", "image/x-icon"},
      {"/robots.txt", "text/plain; charset=utf-8"},
      {"/inside-link.svg", "image/svg+xml"},  // a symlink that stays inside the root
  };
  for (const Row& row : rows) {
    const Response response = Get(row.path);
    EXPECT_EQ(response.status, 200) << row.path;
    EXPECT_EQ(response.content_type, row.type) << row.path;
  }
  EXPECT_EQ(StaticFiles::ContentTypeOf("x.unknown"), "application/octet-stream");
  EXPECT_EQ(StaticFiles::ContentTypeOf("README"), "application/octet-stream");
}

TEST_F(StaticFilesTest, CacheHeaders) {
  EXPECT_EQ(Get("/assets/app-3f9a1c.js").headers.Find("Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(Get("/index.html").headers.Find("Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/").headers.Find("Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/robots.txt").headers.Find("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, RootAndSpaFallbackServeIndex) {
  for (const std::string path :
       {"/", "/residents", "/residents/12/edit", "/assets", "/assets/", "/eldercare/canteen"}) {
    const Response response = Get(path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.body, kIndex) << path;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << path;
    EXPECT_EQ(response.headers.Find("Cache-Control"), "no-cache") << path;
  }
}

TEST_F(StaticFilesTest, MissingFilesWithAnExtensionAre404Json) {
  for (const std::string path : {"/assets/app-000000.js", "/missing.png", "/a/b/c.css"}) {
    const Response response = Get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "not_found");
  }
}

TEST_F(StaticFilesTest, NothingOutsideTheRootIsServed) {
  const std::string outside = fs::path(base_ / "outside/secret.txt").string();
  for (const std::string& path : std::vector<std::string>{
           "/../outside/secret.txt",
           "/assets/../../outside/secret.txt",
           "/%2e%2e/outside/secret.txt",
           "/%2E%2E/outside/secret.txt",
           "/assets/%2e%2e%2f%2e%2e%2foutside%2fsecret.txt",
           "/..%2foutside%2fsecret.txt",
           "/..%5coutside%5csecret.txt",
           "/..\\outside\\secret.txt",
           "/.%2e/outside/secret.txt",
           "/%252e%252e/outside/secret.txt",
           "/link.txt",
           "/linkdir/secret.txt",
           "/../web-evil/secret.txt",
           "/" + outside,
           "//" + outside,
           "/.env",
           "/%2eenv",
           "/index.html%00.txt",
           "/%zz.txt",
       }) {
    const Response response = Get(path);
    EXPECT_NE(response.body, kSecret) << path;
    if (response.status == 200) {
      EXPECT_EQ(response.body, kIndex) << path;  // the SPA fallback, never a file outside
    } else {
      EXPECT_EQ(response.status, 404) << path;
    }
  }
}

TEST_F(StaticFilesTest, EtagRevalidation) {
  const Response first = Get("/assets/app-3f9a1c.js");
  const std::optional<std::string_view> etag = first.headers.Find("ETag");
  ASSERT_TRUE(etag.has_value());
  const Response again = Get("/assets/app-3f9a1c.js", std::string(*etag));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.headers.Find("ETag"), *etag);
  EXPECT_EQ(Get("/assets/app-3f9a1c.js", "\"other\", W/" + std::string(*etag)).status, 304);
  EXPECT_EQ(Get("/assets/app-3f9a1c.js", "\"other\"").status, 200);
}

TEST_F(StaticFilesTest, ChangedFilesAreReread) {
  EXPECT_EQ(Get("/robots.txt").body, "User-agent: *");
  WriteFile(root_ / "robots.txt", "User-agent: *\nDisallow: /");
  EXPECT_EQ(Get("/robots.txt").body, "User-agent: *\nDisallow: /");
}

TEST(StaticFilesOpenTest, RootMustBeADirectory) {
  EXPECT_FALSE(StaticFiles::Open("/nonexistent/shequ/web").has_value());
}

}  // namespace
}  // namespace shequ::api
