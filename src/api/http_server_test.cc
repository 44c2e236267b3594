// The server end to end: a real HttpServer on port 0, cpp-httplib and raw sockets as clients.
#include "api/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "api/json_body.h"
#include "api/static_files.h"
#include "api/system_routes.h"
#include "api/testing/fake_authenticator.h"
#include "api/testing/route_paths.h"
#include "base/log.h"

namespace shequ::api {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr JsonField kItemFields[] = {{"name", JsonType::kString},
                                     {"count", JsonType::kInteger, kOptional},
                                     {"urgent", JsonType::kBoolean, kOptional}};

using ::shequ::api::testing::ConcretePath;

bool IsFreshRequestId(std::string_view id) {
  return id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The Content-Length of a response head, 0 when absent.
std::size_t ContentLength(std::string_view head) {
  constexpr std::string_view kField = "\r\ncontent-length:";
  for (std::size_t i = 0; i + kField.size() <= head.size(); ++i) {
    if (EqualsIgnoreCase(head.substr(i, kField.size()), kField)) {
      return std::stoul(std::string(head.substr(i + kField.size(), 20)));
    }
  }
  return 0;
}

// A blocking TCP client that speaks raw HTTP/1.1, for what cpp-httplib will not send.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~RawConnection() { ::close(fd_); }

  bool connected() const { return connected_; }

  void Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) return;
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  // One complete response (head and Content-Length body), or what arrived before EOF/timeout.
  std::string ReadResponse() {
    while (true) {
      const std::size_t head_end = buffer_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const std::size_t length = ContentLength(std::string_view(buffer_).substr(0, head_end));
        if (buffer_.size() >= head_end + 4 + length) {
          std::string response = buffer_.substr(0, head_end + 4 + length);
          buffer_.erase(0, head_end + 4 + length);
          return response;
        }
      }
      if (!ReadSome()) {
        std::string rest = std::move(buffer_);
        buffer_.clear();
        return rest;
      }
    }
  }

  // Everything until the server closes the connection (or 5 s pass).
  std::string ReadUntilClosed() {
    while (ReadSome()) {
    }
    std::string rest = std::move(buffer_);
    buffer_.clear();
    return rest;
  }

  // True when the server closed the connection (EOF) within the receive timeout.
  bool WaitForClose() {
    while (true) {
      char chunk[4096];
      const ssize_t received = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (received == 0) return true;
      if (received < 0) return errno == ECONNRESET;
    }
  }

 private:
  bool ReadSome() {
    char chunk[16384];
    const ssize_t received = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (received <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(received));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

nlohmann::json JsonOf(const httplib::Result& result) { return nlohmann::json::parse(result->body); }

class HttpServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { log::SetLevel(log::Level::kWarn); }

  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "shequ-http-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    WriteFile(base_ / "web/index.html", "<!doctype html>index");
    WriteFile(base_ / "web/assets/app-1a2b.js", "export{}");
    WriteFile(base_ / "outside/secret.txt", "secret");
    Result<StaticFiles> files = StaticFiles::Open(base_ / "web");
    ASSERT_TRUE(files.has_value());
    static_files_.emplace(std::move(*files));
    AddRoutes();
  }

  void TearDown() override {
    server_.reset();
    std::error_code ignored;
    fs::remove_all(base_, ignored);
  }

  static void WriteFile(const fs::path& path, std::string_view content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
  }

  void AddRoutes() {
    AddSystemRoutes(router_, {.metrics = &metrics_, .health_check = [this]() -> Status {
                                if (healthy_) return {};
                                return Unavailable("database at 10.0.0.5 does not answer");
                              }});
    router_.SetAuthenticator(testing::FakeAuthenticator());
    router_.SetFallback([this](const Request& request) { return static_files_->Serve(request); });
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/items/{id}",
                 .access = Access::kPublic,
                 .handler = [](RequestContext& context) {
                   return Response::Json(200,
                                         {{"id", context.request().PathParam("id")},
                                          {"q", context.request().QueryParam("q").value_or("")}});
                 }});
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/items/{id}/notes/{note_id}",
                 .access = Access::kPublic,
                 .handler = [](RequestContext& context) {
                   return Response::Json(200, {{"id", context.request().PathParam("id")},
                                               {"note", context.request().PathParam("note_id")}});
                 }});
    router_.Add({.method = Method::kDelete,
                 .path = "/api/v1/items/{id}",
                 .access = Access::kPublic,
                 .handler = [](RequestContext&) { return Response::NoContent(); }});
    router_.Add({.method = Method::kPost,
                 .path = "/api/v1/items",
                 .access = Access::kPublic,
                 .request_schema = JsonSchemaOf(kItemFields),
                 .success_status = 201,
                 .handler = [](RequestContext& context) {
                   JsonBody body = ParseJsonObject(context.request(), kItemFields);
                   if (!body) return Response::Error(body.error());
                   return Response::Json(201, *body);
                 }});
    router_.Add(
        {.method = Method::kGet,
         .path = "/api/v1/boom",
         .access = Access::kPublic,
         .handler = [](RequestContext&) -> Response { throw std::runtime_error("disk on fire"); }});
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/slow",
                 .access = Access::kPublic,
                 .handler = [this](RequestContext&) {
                   slow_started_ = true;
                   std::this_thread::sleep_for(400ms);
                   return Response::Json(200, {{"slow", true}});
                 }});
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/peer",
                 .access = Access::kPublic,
                 .handler = [](RequestContext& context) {
                   return Response::Json(200, {{"address", context.request().remote_address},
                                               {"port", context.request().remote_port}});
                 }});
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/me",
                 .permission = auth::Permission::kReadOwnAccount,
                 .handler = [](RequestContext& context) {
                   return Response::Json(200, {{"login", context.principal().login}});
                 }});
    router_.Add({.method = Method::kGet,
                 .path = "/api/v1/registry/residents",
                 .permission = auth::Permission::kReadRegistry,
                 .handler = [](RequestContext&) { return Response::Json(200, {{"items", {}}}); }});
    router_.Add({.method = Method::kPost,
                 .path = "/api/v1/registry/residents",
                 .permission = auth::Permission::kWriteRegistry,
                 .handler = [](RequestContext&) { return Response::Json(201, {}); }});
    router_.Add({.method = Method::kPatch,
                 .path = "/api/v1/registry/residents/{id}",
                 .handler = [](RequestContext&) { return Response::Json(200, {}); }});
  }

  void Start(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 2;
    server_ = std::make_unique<HttpServer>(options, router_, &metrics_);
    ASSERT_TRUE(server_->Start().has_value());
    ASSERT_NE(server_->port(), 0);
  }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(5, 0);
    client.set_connection_timeout(2, 0);
    return client;
  }

  fs::path base_;
  std::optional<StaticFiles> static_files_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<HttpServer> server_;
  std::atomic<bool> healthy_{true};
  std::atomic<bool> slow_started_{false};
};

TEST_F(HttpServerTest, HealthzAndStandardHeaders) {
  Start();
  auto client = Client();
  const auto result = client.Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(JsonOf(result), nlohmann::json({{"status", "ok"}}));
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  EXPECT_TRUE(IsFreshRequestId(result->get_header_value("X-Request-Id")));
  EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(result->get_header_value("Referrer-Policy"), "same-origin");
  EXPECT_EQ(result->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_TRUE(result->has_header("Date"));
}

TEST_F(HttpServerTest, HealthzReports503WhenTheCheckFails) {
  Start();
  healthy_ = false;
  auto client = Client();
  const auto result = client.Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 503);
  EXPECT_EQ(JsonOf(result)["status"], "unavailable");
  EXPECT_EQ(JsonOf(result)["error"]["code"], "unavailable");
  EXPECT_EQ(result->body.find("10.0.0.5"), std::string::npos);  // details stay in the log
}

TEST_F(HttpServerTest, RequestIdIsTakenFromAValidHeader) {
  Start();
  auto client = Client();
  auto result = client.Get("/healthz", {{"X-Request-Id", "lb-7f3a.1"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->get_header_value("X-Request-Id"), "lb-7f3a.1");
  result = client.Get("/healthz", {{"X-Request-Id", "not valid!"}});
  ASSERT_TRUE(result);
  EXPECT_TRUE(IsFreshRequestId(result->get_header_value("X-Request-Id")));
}

TEST_F(HttpServerTest, RoutesWithPathAndQueryParameters) {
  Start();
  auto client = Client();
  // Raw, because cpp-httplib re-encodes the '+' of a query.
  RawConnection raw(server_->port());
  raw.Send("GET /api/v1/items/42?page=2&q=%E7%A4%BE%E5%8C%BA+x HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(raw.ReadResponse().ends_with(R"({"id":"42","q":"社区 x"})"));

  auto result = client.Get("/api/v1/items/42?q=%E7%A4%BE%E5%8C%BA%20x");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(JsonOf(result), nlohmann::json({{"id", "42"}, {"q", "社区 x"}}));

  result = client.Get("/api/v1/items/a%2Fb/notes/7");
  ASSERT_TRUE(result);
  EXPECT_EQ(JsonOf(result), nlohmann::json({{"id", "a/b"}, {"note", "7"}}));

  result = client.Delete("/api/v1/items/42");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 204);
  EXPECT_TRUE(result->body.empty());
}

TEST_F(HttpServerTest, NotFoundAndMethodNotAllowed) {
  Start();
  auto client = Client();
  auto result = client.Get("/api/v1/nothing/here");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(JsonOf(result)["error"]["code"], "route_not_found");

  result = client.Put("/api/v1/items/42", "{}", "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 405);
  EXPECT_EQ(JsonOf(result)["error"]["code"], "method_not_allowed");
  EXPECT_EQ(result->get_header_value("Allow"), "GET, HEAD, DELETE");

  result = client.Post("/healthz", "{}", "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 405);
}

TEST_F(HttpServerTest, HeadHasLengthButNoBody) {
  Start();
  RawConnection raw(server_->port());
  raw.Send("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string response = raw.ReadUntilClosed();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << response;
  EXPECT_NE(response.find("Content-Length: 15\r\n"), std::string::npos) << response;
  EXPECT_TRUE(response.ends_with("\r\n\r\n")) << response;  // no body
}

TEST_F(HttpServerTest, JsonBodies) {
  Start();
  auto client = Client();
  struct Row {
    std::string_view name;
    std::string body;
    std::string content_type;
    int status;
    std::string_view code;
    std::string_view field;
  };
  const Row rows[] = {
      {"valid", R"({"name":"电梯","count":2,"urgent":true})", "application/json", 201, "", ""},
      {"malformed", R"({"name":)", "application/json", 400, "invalid_json", ""},
      {"wrong type", R"({"name":"x","count":"two"})", "application/json", 400, "invalid_argument",
       "count"},
      {"unknown field", R"({"name":"x","role":"admin"})", "application/json", 400,
       "invalid_argument", "role"},
      {"missing required", R"({"count":1})", "application/json", 400, "invalid_argument", "name"},
      {"invalid utf-8", "{\"name\":\"\xc3\x28\"}", "application/json", 400, "invalid_json", ""},
      {"wrong content type", R"({"name":"x"})", "text/plain", 415, "unsupported_media_type", ""},
  };
  for (const Row& row : rows) {
    const auto result = client.Post("/api/v1/items", row.body, row.content_type.c_str());
    ASSERT_TRUE(result) << row.name;
    EXPECT_EQ(result->status, row.status) << row.name;
    if (row.status >= 400) {
      const nlohmann::json error = JsonOf(result)["error"];
      EXPECT_EQ(error["code"], row.code) << row.name;
      EXPECT_EQ(error.value("field", ""), row.field) << row.name;
      EXPECT_FALSE(error["message"].get<std::string>().empty()) << row.name;
    }
  }
}

TEST_F(HttpServerTest, OversizedBodyIs413) {
  Start({.max_body_bytes = 4096});
  auto client = Client();
  const std::string fits = R"({"name":")" + std::string(4096 - 11, 'a') + R"("})";
  ASSERT_EQ(fits.size(), 4096u);
  auto result = client.Post("/api/v1/items", fits, "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 201);

  result = client.Post("/api/v1/items", std::string(256 * 1024, ' '), "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 413);
  EXPECT_EQ(JsonOf(result)["error"]["code"], "payload_too_large");

  // Chunked, with no length up front: refused once the limit is passed.
  RawConnection raw(server_->port());
  raw.Send(
      "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n");
  for (int i = 0; i < 8; ++i) raw.Send("400\r\n" + std::string(1024, ' ') + "\r\n");
  const std::string response = raw.ReadResponse();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 413 ")) << response;
  EXPECT_NE(response.find("Connection: close"), std::string::npos);

  result = Client().Get("/healthz");  // still serving
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(HttpServerTest, HugeHeaderIs431) {
  Start();
  auto client = Client();
  auto result = client.Get("/healthz", {{"X-Big", std::string(32 * 1024, 'a')}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 431);
  EXPECT_EQ(JsonOf(result)["error"]["code"], "header_too_large");

  result = Client().Get("/healthz", {{"X-Fits", std::string(8 * 1024, 'a')}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
  Start();
  RawConnection raw(server_->port());
  raw.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
  const std::string response = raw.ReadResponse();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 400 ")) << response;
  EXPECT_NE(response.find("bad_request"), std::string::npos);

  RawConnection absolute(server_->port());
  absolute.Send("GET http://example.com/healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(absolute.ReadResponse().starts_with("HTTP/1.1 400 "));
}

TEST_F(HttpServerTest, HandlerExceptionIs500AndTheServerGoesOn) {
  Start();
  log::SetLevel(log::Level::kInfo);
  ::testing::internal::CaptureStderr();
  auto client = Client();
  client.set_keep_alive(true);
  const auto result = client.Get("/api/v1/boom");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 500);
  const std::string request_id = result->get_header_value("X-Request-Id");
  ASSERT_FALSE(request_id.empty());
  EXPECT_EQ(JsonOf(result)["error"]["code"], "internal");
  EXPECT_EQ(JsonOf(result)["error"]["message"], "internal error, request id " + request_id);
  EXPECT_EQ(result->body.find("fire"), std::string::npos);

  // The same connection goes on; once it has answered, the access line of the first is written.
  const auto next = client.Get("/api/v1/items/1");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  const std::string logged = ::testing::internal::GetCapturedStderr();
  log::SetLevel(log::Level::kWarn);
  EXPECT_NE(logged.find("http.internal_error request_id=" + request_id), std::string::npos)
      << logged;
  EXPECT_NE(logged.find("disk on fire"), std::string::npos) << logged;
  EXPECT_NE(logged.find("http.request request_id=" + request_id +
                        " method=GET path=/api/v1/boom status=500 ms="),
            std::string::npos)
      << logged;
}

TEST_F(HttpServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  Start();
  auto client = Client();
  client.set_keep_alive(true);
  int port = -1;
  for (int i = 0; i < 5; ++i) {
    const auto result = client.Get("/api/v1/peer");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_FALSE(result->has_header("Connection"));
    const int seen = JsonOf(result)["port"];
    if (port < 0) port = seen;
    EXPECT_EQ(seen, port);  // the same client socket each time
  }
  EXPECT_EQ(JsonOf(client.Get("/api/v1/peer"))["address"], "127.0.0.1");
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Start();
  RawConnection raw(server_->port());
  raw.Send(
      "GET /api/v1/items/1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/items/2 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/items/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(raw.ReadResponse().ends_with(R"({"id":"1","q":""})"));
  EXPECT_TRUE(raw.ReadResponse().ends_with(R"({"id":"2","q":""})"));
  const std::string last = raw.ReadResponse();
  EXPECT_TRUE(last.ends_with(R"({"id":"3","q":""})"));
  EXPECT_NE(last.find("Connection: close\r\n"), std::string::npos);
  EXPECT_TRUE(raw.WaitForClose());
}

TEST_F(HttpServerTest, Http10ClosesUnlessAskedToKeepAlive) {
  Start();
  RawConnection raw(server_->port());
  raw.Send("GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_NE(raw.ReadResponse().find("Connection: close"), std::string::npos);
  EXPECT_TRUE(raw.WaitForClose());

  RawConnection kept(server_->port());
  kept.Send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_NE(kept.ReadResponse().find("Connection: keep-alive"), std::string::npos);
  kept.Send("GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(kept.ReadResponse().starts_with("HTTP/1.1 200"));
}

TEST_F(HttpServerTest, ExpectContinue) {
  Start();
  RawConnection raw(server_->port());
  const std::string body = R"({"name":"x"})";
  raw.Send(
      "POST /api/v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  EXPECT_EQ(raw.ReadResponse(), "HTTP/1.1 100 Continue\r\n\r\n");
  raw.Send(body);
  EXPECT_TRUE(raw.ReadResponse().starts_with("HTTP/1.1 201 Created\r\n"));
}

TEST_F(HttpServerTest, AuthenticatedRoutes) {
  Start();
  auto client = Client();
  auto result = client.Get("/api/v1/me");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(JsonOf(result)["error"]["code"], "unauthenticated");
  EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer");

  result = client.Get("/api/v1/me", {{"Authorization", "Bearer resident"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(JsonOf(result)["login"], "resident");

  result = client.Get("/api/v1/me", {{"Cookie", "lang=zh; shequ_session=grid_worker"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(JsonOf(result)["login"], "grid_worker");

  result = client.Get("/api/v1/registry/residents", {{"Authorization", "Bearer resident"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 403);
  EXPECT_EQ(JsonOf(result)["error"]["code"], "permission_denied");

  result = client.Get("/api/v1/registry/residents", {{"Authorization", "Bearer community_worker"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

// Every route that needs a caller answers 401 without one, and 403 where a role lacks the
// route's permission: no route can forget its guard.
TEST_F(HttpServerTest, EveryProtectedRouteRefusesStrangers) {
  Start();
  auto client = Client();
  int checked = 0;
  for (const RouteSpec& route : router_.routes()) {
    if (route.access != Access::kAuthenticated) continue;
    const std::string path = ConcretePath(route.path);
    const auto send = [&](const httplib::Headers& headers) {
      switch (route.method) {
        case Method::kGet:
          return client.Get(path.c_str(), headers);
        case Method::kPost:
          return client.Post(path.c_str(), headers, "{}", "application/json");
        case Method::kPut:
          return client.Put(path.c_str(), headers, "{}", "application/json");
        case Method::kPatch:
          return client.Patch(path.c_str(), headers, "{}", "application/json");
        case Method::kDelete:
          return client.Delete(path.c_str(), headers);
        default:
          throw std::logic_error("method not covered by this test");
      }
    };
    auto result = send({});
    ASSERT_TRUE(result) << route.path;
    EXPECT_EQ(result->status, 401) << MethodName(route.method) << " " << route.path;
    result = send({{"Authorization", "Bearer forged-token"}});
    ASSERT_TRUE(result) << route.path;
    EXPECT_EQ(result->status, 401) << MethodName(route.method) << " " << route.path;
    if (route.permission) {
      for (auth::Role role : auth::kAllRoles) {
        if (auth::RoleHas(role, *route.permission)) continue;
        result = send({{"Authorization", "Bearer " + std::string(auth::RoleName(role))}});
        ASSERT_TRUE(result) << route.path;
        EXPECT_EQ(result->status, 403) << auth::RoleName(role) << " " << route.path;
      }
    }
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST_F(HttpServerTest, MetricsCountRequestsByRoutePattern) {
  Start();
  metrics_.AddCollector([] {
    return std::vector<MetricSample>{
        {"shequ_db_pool_size", "Connections in the pool.", MetricType::kGauge, 4}};
  });
  auto client = Client();
  client.set_keep_alive(true);  // one connection: each request is counted before the next starts
  ASSERT_TRUE(client.Get("/api/v1/items/1"));
  ASSERT_TRUE(client.Get("/api/v1/items/2"));
  ASSERT_TRUE(client.Get("/api/v1/nothing"));
  const auto result = client.Get("/metrics");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = result->body;
  EXPECT_NE(
      text.find(
          R"(shequ_http_requests_total{route="/api/v1/items/{id}",method="GET",status="200"} 2)"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(R"(shequ_http_requests_total{route="unmatched",method="GET",status="404"} 1)"),
      std::string::npos);
  EXPECT_NE(text.find(R"(shequ_http_request_duration_seconds_bucket{route="/api/v1/items/{id}",)"
                      R"(method="GET",le="+Inf"} 2)"),
            std::string::npos);
  EXPECT_NE(text.find("shequ_http_connections_total "), std::string::npos);
  EXPECT_NE(text.find("shequ_db_pool_size 4\n"), std::string::npos);
}

TEST_F(HttpServerTest, OpenApiDocumentIsServed) {
  Start();
  auto client = Client();
  const auto result = client.Get("/api/v1/openapi.json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const nlohmann::json document = JsonOf(result);
  EXPECT_EQ(document["openapi"], "3.0.3");
  for (const RouteSpec& route : router_.routes()) {
    EXPECT_TRUE(document["paths"].contains(route.path)) << route.path;
  }
}

TEST_F(HttpServerTest, StaticFilesAndSpaFallback) {
  Start();
  auto client = Client();
  auto result = client.Get("/assets/app-1a2b.js");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(result->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  const std::string etag = result->get_header_value("ETag");

  result = client.Get("/assets/app-1a2b.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 304);
  EXPECT_FALSE(result->has_header("Content-Length"));

  result = client.Get("/eldercare/canteen/orders");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, "<!doctype html>index");
  EXPECT_EQ(result->get_header_value("Cache-Control"), "no-cache");

  result = client.Get("/api/v1/no-such-thing");  // never the UI under /api/
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(JsonOf(result)["error"]["code"], "route_not_found");

  for (const std::string path : {"/../outside/secret.txt", "/%2e%2e/outside/secret.txt",
                                 "/assets/..%2f..%2foutside/secret.txt"}) {
    RawConnection raw(server_->port());
    raw.Send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string response = raw.ReadUntilClosed();
    EXPECT_TRUE(response.starts_with("HTTP/1.1 404 ")) << path << "\n" << response;
    EXPECT_EQ(response.find("secret\r"), std::string::npos);
  }
}

TEST_F(HttpServerTest, ReadTimeoutIs408) {
  Start({.read_timeout = 300ms});
  RawConnection raw(server_->port());
  raw.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // never finished
  const std::string response = raw.ReadUntilClosed();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 408 Request Timeout\r\n")) << response;
  EXPECT_NE(response.find("request_timeout"), std::string::npos);
}

TEST_F(HttpServerTest, IdleKeepAliveConnectionsAreClosed) {
  Start({.idle_timeout = 200ms});
  RawConnection raw(server_->port());
  raw.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(raw.ReadResponse().starts_with("HTTP/1.1 200"));
  const auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(raw.WaitForClose());
  EXPECT_LT(std::chrono::steady_clock::now() - before, 3s);
}

TEST_F(HttpServerTest, GracefulStopLetsTheRequestInFlightFinish) {
  Start();
  // An idle keep-alive connection, which the stop must close rather than wait for.
  RawConnection idle(server_->port());
  idle.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(idle.ReadResponse().starts_with("HTTP/1.1 200"));

  int slow_status = 0;
  std::string slow_connection;
  std::thread client_thread([&] {
    auto client = Client();
    client.set_keep_alive(true);
    if (const auto result = client.Get("/api/v1/slow")) {
      slow_status = result->status;
      slow_connection = result->get_header_value("Connection");
    }
  });
  const auto wait_until = std::chrono::steady_clock::now() + 5s;
  while (!slow_started_ && std::chrono::steady_clock::now() < wait_until) {
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE(slow_started_);
  const auto before = std::chrono::steady_clock::now();
  server_->Stop();
  const auto took = std::chrono::steady_clock::now() - before;
  client_thread.join();

  EXPECT_EQ(slow_status, 200);
  EXPECT_EQ(slow_connection, "close");
  EXPECT_LT(took, 3s);  // well before the 10 s shutdown deadline
  EXPECT_TRUE(idle.WaitForClose());

  RawConnection late(server_->port());
  EXPECT_FALSE(late.connected());
}

TEST_F(HttpServerTest, StopClosesStragglersAtTheDeadline) {
  Start({.shutdown_timeout = 300ms});
  RawConnection partial(server_->port());
  partial.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // a request in progress, never finished
  std::this_thread::sleep_for(50ms);
  const auto before = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 3s);
  EXPECT_TRUE(partial.WaitForClose());
}

TEST_F(HttpServerTest, RequestStopFromAnotherThreadEndsRunUntilSignal) {
  auto server = std::make_unique<HttpServer>(
      ServerOptions{.host = "127.0.0.1", .port = 0, .io_threads = 1}, router_, &metrics_);
  std::thread stopper([&] {
    while (server->port() == 0) std::this_thread::sleep_for(1ms);
    auto client = httplib::Client("127.0.0.1", server->port());
    EXPECT_EQ(client.Get("/healthz")->status, 200);
    server->RequestStop();
  });
  EXPECT_TRUE(server->RunUntilSignal().has_value());
  stopper.join();
}

TEST_F(HttpServerTest, SigtermStopsRunUntilSignal) {
  auto server = std::make_unique<HttpServer>(
      ServerOptions{.host = "127.0.0.1", .port = 0, .io_threads = 1}, router_, &metrics_);
  std::thread signaller([&] {
    while (server->port() == 0) std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(50ms);  // let RunUntilSignal install its handler
    ::kill(::getpid(), SIGTERM);
  });
  EXPECT_TRUE(server->RunUntilSignal().has_value());
  signaller.join();
}

TEST_F(HttpServerTest, StartFailsOnABusyPort) {
  Start();
  HttpServer second(ServerOptions{.host = "127.0.0.1", .port = server_->port()}, router_, nullptr);
  const Status started = second.Start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
}

TEST_F(HttpServerTest, ManyConcurrentClients) {
  Start();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto client = Client();
      client.set_keep_alive(t % 2 == 0);
      for (int i = 0; i < 50; ++i) {
        const auto result = client.Get(("/api/v1/items/" + std::to_string(i)).c_str());
        if (result && result->status == 200) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 400);
  server_->Stop();  // a request is counted after its last byte is sent: wait for the last ones
  int route = router_.Match(Method::kGet, "/api/v1/items/1", nullptr);
  EXPECT_EQ(metrics_.RequestCount(route, Method::kGet, 200), 400u);
}

}  // namespace
}  // namespace shequ::api
