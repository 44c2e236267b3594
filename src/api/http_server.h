// The HTTP/1.1 server: Boost.Beast parsing on Asio C++20 coroutines, one io_context per io thread,
// keep-alive, TCP_NODELAY, per-request size limits and timeouts, and graceful shutdown. It reads a
// Request, hands it to the Router, writes the Response with X-Request-Id and the security headers,
// logs one http.request line and records the metrics. Beast stays inside http_server.cc.
//
// Handlers run synchronously on the io thread that read the request: database calls are short, and
// a thread per core with no hand-offs is the fastest path; a handler that blocks for long holds up
// the other connections of its thread. Start, RequestStop, Stop, Wait and port are thread-safe;
// Stop and Wait block, so call them from outside the io threads (a handler may RequestStop).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "api/metrics.h"
#include "api/router.h"
#include "base/error.h"

namespace shequ::api {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 address, or a name to resolve
  std::uint16_t port = 8080;       // 0 picks a free port (tests); see HttpServer::port()
  int io_threads = 0;              // 0: one per hardware core

  std::size_t max_body_bytes = 8 << 20;     // a larger body is refused with 413
  std::size_t max_header_bytes = 16 << 10;  // a larger request line + header, 431

  // A request whose first byte has arrived must be complete within this, or 408 and close.
  std::chrono::milliseconds read_timeout{30'000};
  // A keep-alive connection with no request in progress is closed after this.
  std::chrono::milliseconds idle_timeout{60'000};
  // A response the client does not read within this is dropped with its connection.
  std::chrono::milliseconds write_timeout{30'000};
  // Stop() waits this long for in-flight requests, then closes what remains.
  std::chrono::milliseconds shutdown_timeout{10'000};
};

class HttpServer {
 public:
  // `router` and `metrics` (may be null) must outlive the server; `metrics` is bound to the
  // router's routes by Start().
  HttpServer(ServerOptions options, const Router& router, Metrics* metrics);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the io threads, then returns. kUnavailable when the address cannot
  // be bound; kInternal when called twice. A server runs once: it cannot start after a stop.
  Status Start();

  // The bound port (useful with port 0); 0 before Start().
  std::uint16_t port() const;

  // Begins a graceful stop and returns at once: no new connections; in-flight requests finish
  // and are answered with Connection: close; idle keep-alive connections close; after
  // shutdown_timeout whatever remains is closed.
  void RequestStop();

  // Blocks until the server has stopped (someone must RequestStop, or a signal arrive).
  void Wait();

  // RequestStop() and Wait(): when it returns no handler is running, so the caller may close the
  // database.
  void Stop();

  // Start() if not started, then serve until SIGINT or SIGTERM (or RequestStop()), and stop
  // gracefully. For `shequ serve`.
  Status RunUntilSignal();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shequ::api
