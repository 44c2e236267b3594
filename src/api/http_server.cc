// clang-format off
#include <utility>  // first: Boost 1.74's asio/awaitable.hpp needs it with g++ 12
// clang-format on

// Without the deprecated API, asio's error_code overloads return void rather than a copy of the
// error_code they fill.
#define BOOST_ASIO_NO_DEPRECATED

#include "api/http_server.h"

#include <fmt/format.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <charconv>
#include <csignal>
#include <ctime>
#include <exception>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "api/error_response.h"
#include "base/log.h"

// g++ 12 reports asio's coroutine frame allocator (a sized operator delete paired with its own
// operator new) as mismatched when it inlines a frame's destruction: a false positive.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace shequ::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using ErrorCodeValue = boost::system::error_code;
// A socket bound to one io_context's executor: no type-erased executor on the hot path.
using Socket = asio::basic_stream_socket<tcp, asio::io_context::executor_type>;

constexpr auto kStopTick = std::chrono::milliseconds(10);
constexpr auto kDrainTime = std::chrono::seconds(2);
constexpr std::size_t kMaxDrainBytes = 16 << 20;
constexpr std::size_t kMaxLoggedPath = 256;

std::string_view ToStd(beast::string_view text) { return {text.data(), text.size()}; }

// Fills a Request straight from Beast's parser callbacks, so no beast::http::fields is built and
// copied for each request.
class RequestParser final : public http::basic_parser<true> {
 public:
  explicit RequestParser(Request& request) : request_(request) {}

  bool expect_continue() const { return expect_continue_; }
  int version() const { return version_; }

 private:
  void on_request_impl(http::verb, beast::string_view method, beast::string_view target,
                       int version, ErrorCodeValue& error) override {
    request_.method = ParseMethod(ToStd(method));
    version_ = version;
    const std::string_view text = ToStd(target);
    if (text.empty() || text.front() != '/') {  // origin-form only (RFC 9112 3.2.1)
      error = http::error::bad_target;
      return;
    }
    const std::size_t question = text.find('?');
    request_.path.assign(text.substr(0, question));
    if (question != std::string_view::npos) ParseQuery(text.substr(question + 1));
  }

  void on_response_impl(int, beast::string_view, int, ErrorCodeValue&) override {}

  void on_field_impl(http::field name, beast::string_view name_text, beast::string_view value,
                     ErrorCodeValue&) override {
    if (name == http::field::expect && EqualsIgnoreCase(ToStd(value), "100-continue")) {
      expect_continue_ = true;
    }
    if (request_.headers.empty()) request_.headers.Reserve(16);
    request_.headers.Add(std::string(ToStd(name_text)), std::string(ToStd(value)));
  }

  void on_header_impl(ErrorCodeValue&) override {}

  void on_body_init_impl(const boost::optional<std::uint64_t>& length, ErrorCodeValue&) override {
    // Beast has already refused a length above the body limit.
    if (length) request_.body.reserve(static_cast<std::size_t>(*length));
  }

  std::size_t on_body_impl(beast::string_view body, ErrorCodeValue&) override {
    request_.body.append(body.data(), body.size());
    return body.size();
  }

  void on_chunk_header_impl(std::uint64_t, beast::string_view, ErrorCodeValue&) override {}

  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, ErrorCodeValue&) override {
    request_.body.append(body.data(), body.size());
    return body.size();
  }

  void on_finish_impl(ErrorCodeValue&) override {}

  void ParseQuery(std::string_view query) {
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (pair.empty()) continue;
      const std::size_t equals = pair.find('=');
      const std::string_view name = pair.substr(0, equals);
      const std::string_view value =
          equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
      // A malformed escape is kept as sent: a query value that matters is validated later.
      std::optional<std::string> decoded_name = PercentDecode(name, true);
      std::optional<std::string> decoded_value = PercentDecode(value, true);
      request_.query.push_back({decoded_name ? std::move(*decoded_name) : std::string(name),
                                decoded_value ? std::move(*decoded_value) : std::string(value)});
    }
  }

  Request& request_;
  bool expect_continue_ = false;
  int version_ = 11;
};

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Status";
  }
}

bool StatusHasBody(int status) { return status >= 200 && status != 204 && status != 304; }

// The Date field (RFC 9110 6.6.1), formatted once per second per thread.
std::string_view HttpDate() {
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached_second = -1;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm parts{};
    gmtime_r(&now, &parts);
    text = fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", kDays[parts.tm_wday % 7],
                       parts.tm_mday, kMonths[parts.tm_mon % 12], parts.tm_year + 1900,
                       parts.tm_hour, parts.tm_min, parts.tm_sec);
    cached_second = now;
  }
  return text;
}

void AppendNumber(std::string& out, std::uint64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, result.ptr);
}

bool IsSafeHeaderText(std::string_view text) {
  return text.find_first_of("\r\n") == std::string_view::npos;
}

// Fields the server writes itself; a handler's copy is dropped.
bool IsServerField(std::string_view name) {
  return EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Connection") ||
         EqualsIgnoreCase(name, "Transfer-Encoding") || EqualsIgnoreCase(name, "Date") ||
         EqualsIgnoreCase(name, "X-Request-Id");
}

void SerializeHead(std::string& out, const Response& response, std::string_view request_id,
                   bool keep_alive, int version) {
  out.clear();
  out += "HTTP/1.1 ";
  AppendNumber(out, static_cast<std::uint64_t>(response.status));
  out += ' ';
  out += ReasonPhrase(response.status);
  out += "\r\nDate: ";
  out += HttpDate();
  out += "\r\n";
  if (!response.content_type.empty() && IsSafeHeaderText(response.content_type)) {
    out += "Content-Type: ";
    out += response.content_type;
    out += "\r\n";
  }
  if (StatusHasBody(response.status)) {
    out += "Content-Length: ";
    AppendNumber(out, response.body.size());
    out += "\r\n";
  }
  out += "X-Request-Id: ";
  out += request_id;
  out +=
      "\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: same-origin\r\n"
      "X-Frame-Options: DENY\r\n";
  for (const auto& [name, value] : response.headers) {
    if (IsServerField(name) || !IsSafeHeaderText(name) || !IsSafeHeaderText(value)) continue;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!keep_alive) {
    out += "Connection: close\r\n";
  } else if (version < 11) {
    out += "Connection: keep-alive\r\n";
  }
  out += "\r\n";
}

bool IsHttpParseError(const ErrorCodeValue& error) {
  return error.category() == ErrorCodeValue(http::error::bad_target).category();
}

enum class Phase { kIdle, kReading, kHandling, kWriting, kDraining };

struct Worker;

// One client connection, linked into its worker's list so the sweeper and the shutdown can reach
// it. Only its worker's thread touches it.
struct Connection {
  Connection(Worker& owner, Socket&& client);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void Enter(Phase next, Clock::duration timeout) {
    phase = next;
    timed_out = false;
    deadline = Clock::now() + timeout;
  }

  Worker& worker;
  Socket socket;
  Phase phase = Phase::kIdle;
  Clock::time_point deadline = Clock::time_point::max();
  bool timed_out = false;  // the sweeper cancelled an operation past its deadline
  std::string head;        // the response head, reused
  Connection* previous = nullptr;
  Connection* next = nullptr;
};

// An io_context and the thread that runs it, with the connections it serves. Member order
// matters: `io` is destroyed before the list it may still unlink coroutine frames from.
struct Worker {
  Connection* connections = nullptr;
  std::size_t connection_count = 0;
  bool stopping = false;  // this thread has seen the stop
  Clock::time_point stop_deadline = Clock::time_point::max();
  std::thread thread;
  asio::io_context io{1};
  asio::steady_timer sweeper{io};
};

Connection::Connection(Worker& owner, Socket&& client) : worker(owner), socket(std::move(client)) {
  next = worker.connections;
  if (next != nullptr) next->previous = this;
  worker.connections = this;
  ++worker.connection_count;
  head.reserve(512);
}

Connection::~Connection() {
  if (previous != nullptr) previous->next = next;
  if (next != nullptr) next->previous = previous;
  if (worker.connections == this) worker.connections = next;
  --worker.connection_count;
}

void LogCoroutineFailure(const std::exception_ptr& failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& exception) {
    log::Error("http.connection_failed", {{"what", exception.what()}});
  } catch (...) {
    log::Error("http.connection_failed", {{"what", "unknown"}});
  }
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, const Router& router, Metrics* metrics)
      : options_(std::move(options)), router_(router), metrics_(metrics) {
    const auto shortest =
        std::min({options_.read_timeout, options_.idle_timeout, options_.write_timeout});
    tick_ = std::clamp<Clock::duration>(shortest / 4, std::chrono::milliseconds(5),
                                        std::chrono::milliseconds(250));
  }

  ~Impl() { Stop(); }

  Status Start();
  std::uint16_t port() const { return port_.load(); }
  void RequestStop();
  void Wait();
  void Stop() {
    RequestStop();
    Wait();
  }
  Status RunUntilSignal();

 private:
  asio::awaitable<void> Accept();
  asio::awaitable<void> Serve(Worker& worker, Socket socket);
  asio::awaitable<ErrorCodeValue> Write(Connection& connection, const Request& request,
                                        const Response& response, bool keep_alive, int version);
  asio::awaitable<void> RefuseAndClose(Connection& connection, Request& request,
                                       const HttpError& error, Clock::time_point started);
  asio::awaitable<void> Drain(Connection& connection);
  void Finish(const Request& request, int route_index, int status, Clock::time_point started);
  void ArmSweeper(Worker& worker);
  void Sweep(Worker& worker);
  void RunWorker(Worker& worker);

  ServerOptions options_;
  const Router& router_;
  Metrics* metrics_;
  Clock::duration tick_;

  std::atomic<bool> stopping_{false};
  std::atomic<std::uint16_t> port_{0};
  std::mutex start_mutex_;  // serialises Start(); never held while waiting
  std::atomic<bool> started_{false};
  std::mutex join_mutex_;  // held by Wait() while it joins the io threads
  bool joined_ = false;

  // Declared before what lives on workers_[0]'s io_context, so destroyed after it.
  std::vector<std::unique_ptr<Worker>> workers_;
  std::optional<tcp::acceptor> acceptor_;
  std::optional<asio::signal_set> signals_;
};

Status HttpServer::Impl::Start() {
  std::lock_guard lock(start_mutex_);
  if (started_.load() || stopping_.load()) {
    return Internal("the HTTP server was already started");
  }

  const int thread_count = options_.io_threads > 0
                               ? options_.io_threads
                               : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  for (int i = 0; i < thread_count; ++i) workers_.push_back(std::make_unique<Worker>());
  asio::io_context& io = workers_.front()->io;

  ErrorCodeValue error;
  tcp::endpoint endpoint;
  const asio::ip::address address = asio::ip::make_address(options_.host, error);
  if (!error) {
    endpoint = tcp::endpoint(address, options_.port);
  } else {
    tcp::resolver resolver(io);
    const auto results = resolver.resolve(options_.host, std::to_string(options_.port),
                                          tcp::resolver::passive, error);
    if (!error && results.empty()) error = asio::error::host_not_found;
    if (!error) endpoint = results.begin()->endpoint();
  }
  acceptor_.emplace(io);
  if (!error) acceptor_->open(endpoint.protocol(), error);
  if (!error) acceptor_->set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor_->bind(endpoint, error);
  if (!error) acceptor_->listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    acceptor_.reset();
    workers_.clear();
    return Unavailable(
        fmt::format("cannot listen on {}:{}: {}", options_.host, options_.port, error.message()));
  }
  port_ = acceptor_->local_endpoint().port();
  if (metrics_ != nullptr) metrics_->BindRoutes(router_);

  asio::co_spawn(io, Accept(), LogCoroutineFailure);
  for (auto& worker : workers_) ArmSweeper(*worker);
  started_ = true;  // before the threads: a RequestStop() from now on is queued for them
  for (auto& worker : workers_) {
    worker->thread = std::thread([this, raw = worker.get()] { RunWorker(*raw); });
  }
  log::Info("http.listen",
            {{"host", options_.host}, {"port", port_.load()}, {"io_threads", thread_count}});
  return {};
}

void HttpServer::Impl::RunWorker(Worker& worker) {
  while (true) {
    try {
      worker.io.run();
      return;
    } catch (const std::exception& exception) {
      // A handler outside the coroutines threw; log it and keep serving.
      log::Error("http.io_thread_failed", {{"what", exception.what()}});
    }
  }
}

void HttpServer::Impl::RequestStop() {
  // No lock: a signal handler on an io thread calls this while Wait() holds join_mutex_.
  if (!started_.load() || stopping_.exchange(true)) return;
  log::Info("http.stopping", {{"timeout_ms", options_.shutdown_timeout.count()}});
  const Clock::time_point deadline = Clock::now() + options_.shutdown_timeout;
  asio::post(workers_.front()->io, [this] {
    ErrorCodeValue ignored;
    if (acceptor_) acceptor_->close(ignored);
    if (signals_) signals_->cancel(ignored);
  });
  for (auto& worker : workers_) {
    asio::post(worker->io, [raw = worker.get(), deadline] {
      Worker& w = *raw;
      w.stopping = true;
      w.stop_deadline = deadline;
      for (Connection* c = w.connections; c != nullptr; c = c->next) {
        ErrorCodeValue ignored;
        if (c->phase == Phase::kIdle) c->socket.cancel(ignored);  // no request in progress
      }
      w.sweeper.cancel();  // sweep again now, then at kStopTick
    });
  }
}

void HttpServer::Impl::Wait() {
  if (!started_.load()) return;
  std::lock_guard lock(join_mutex_);
  if (joined_) return;
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  joined_ = true;
  log::Info("http.stopped");
}

Status HttpServer::Impl::RunUntilSignal() {
  if (!started_.load()) SHEQU_RETURN_IF_ERROR(Start());
  asio::post(workers_.front()->io, [this] {
    if (stopping_.load()) return;
    signals_.emplace(workers_.front()->io, SIGINT, SIGTERM);
    signals_->async_wait([this](const ErrorCodeValue& error, int signal) {
      if (error) return;
      log::Info("http.signal", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
      RequestStop();
    });
  });
  Wait();
  return {};
}

void HttpServer::Impl::ArmSweeper(Worker& worker) {
  worker.sweeper.expires_after(worker.stopping ? Clock::duration(kStopTick) : tick_);
  worker.sweeper.async_wait([this, &worker](const ErrorCodeValue&) { Sweep(worker); });
}

// Runs on the worker's thread every tick: cancels operations past their deadline, and during a
// stop closes everything once the shutdown deadline has passed.
void HttpServer::Impl::Sweep(Worker& worker) {
  const Clock::time_point now = Clock::now();
  const bool past_stop_deadline = worker.stopping && now >= worker.stop_deadline;
  for (Connection* c = worker.connections; c != nullptr; c = c->next) {
    ErrorCodeValue ignored;
    if (past_stop_deadline) {
      c->socket.close(ignored);  // every later operation on it fails at once
    } else if (c->phase != Phase::kHandling && !c->timed_out && now >= c->deadline) {
      c->timed_out = true;
      c->socket.cancel(ignored);
    }
  }
  if (worker.stopping && worker.connection_count == 0) return;  // lets io.run() return
  if (past_stop_deadline && now >= worker.stop_deadline + std::chrono::seconds(1)) {
    worker.io.stop();  // something would not unwind; its frames go with the io_context
    return;
  }
  ArmSweeper(worker);
}

asio::awaitable<void> HttpServer::Impl::Accept() {
  if (!acceptor_) co_return;
  tcp::acceptor& acceptor = *acceptor_;
  std::size_t next_worker = 0;
  while (true) {
    Worker& worker = *workers_[next_worker++ % workers_.size()];
    ErrorCodeValue error;
    Socket socket =
        co_await acceptor.async_accept(worker.io, asio::redirect_error(asio::use_awaitable, error));
    if (error) {
      if (stopping_.load() || !acceptor.is_open()) co_return;
      // Out of file descriptors, usually: pause rather than spin.
      log::Warn("http.accept_failed", {{"error", error.message()}});
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, error));
      continue;
    }
    asio::co_spawn(worker.io, Serve(worker, std::move(socket)), LogCoroutineFailure);
  }
}

asio::awaitable<void> HttpServer::Impl::Serve(Worker& worker, Socket socket) {
  Connection connection(worker, std::move(socket));
  if (metrics_ != nullptr) metrics_->ConnectionOpened();
  struct CountClose {
    Metrics* metrics;
    ~CountClose() {
      if (metrics != nullptr) metrics->ConnectionClosed();
    }
  } count_close{metrics_};

  ErrorCodeValue error;
  connection.socket.set_option(tcp::no_delay(true), error);
  const tcp::endpoint peer = connection.socket.remote_endpoint(error);
  const std::string remote_address = error ? std::string() : peer.address().to_string();
  const std::uint16_t remote_port = error ? 0 : peer.port();

  beast::flat_buffer buffer;
  bool first = true;
  while (!stopping_.load(std::memory_order_relaxed) && !worker.stopping) {
    Request request;
    request.remote_address = remote_address;
    request.remote_port = remote_port;
    RequestParser parser(request);
    parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    parser.body_limit(static_cast<std::uint64_t>(options_.max_body_bytes));
    connection.Enter(Phase::kIdle, first ? options_.read_timeout : options_.idle_timeout);
    first = false;

    bool sent_continue = false;
    error = {};
    while (!parser.is_done()) {
      if (connection.phase == Phase::kIdle && (buffer.size() > 0 || parser.got_some())) {
        connection.Enter(Phase::kReading, options_.read_timeout);
      }
      co_await http::async_read_some(connection.socket, buffer, parser,
                                     asio::redirect_error(asio::use_awaitable, error));
      if (error) break;
      if (parser.expect_continue() && !sent_continue && parser.is_header_done() &&
          !parser.is_done()) {
        sent_continue = true;
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        co_await asio::async_write(connection.socket, asio::buffer(kContinue),
                                   asio::redirect_error(asio::use_awaitable, error));
        if (error) break;
      }
    }
    const Clock::time_point started = Clock::now();

    if (error) {
      if (error == http::error::end_of_stream || error == http::error::partial_message ||
          error == asio::error::eof || error == asio::error::connection_reset) {
        break;  // the client went away
      }
      if (connection.timed_out) {
        if (parser.got_some() || buffer.size() > 0) {
          co_await RefuseAndClose(connection, request, RequestTimeout(), started);
        }
        break;
      }
      if (error == asio::error::operation_aborted || !connection.socket.is_open()) break;
      if (error == http::error::header_limit || error == http::error::buffer_overflow) {
        co_await RefuseAndClose(connection, request, HeaderTooLarge(options_.max_header_bytes),
                                started);
      } else if (error == http::error::body_limit) {
        co_await RefuseAndClose(connection, request, PayloadTooLarge(options_.max_body_bytes),
                                started);
      } else if (IsHttpParseError(error)) {
        co_await RefuseAndClose(connection, request,
                                BadRequest(fmt::format("malformed request: {}", error.message())),
                                started);
      }
      break;  // anything else is a socket error
    }

    connection.phase = Phase::kHandling;  // the sweeper runs on this thread: it cannot interrupt
    if (const auto incoming = request.Header("X-Request-Id");
        incoming && IsValidRequestId(*incoming)) {
      request.request_id = std::string(*incoming);
    } else {
      request.request_id = NewRequestId();
    }
    int route_index = Router::kUnmatched;
    Response response;
    try {
      response = router_.Dispatch(request, &route_index);
    } catch (...) {  // Dispatch catches handlers' exceptions; this is the last guard
      internal::ScopedRequestId scoped_id(request.request_id);
      response = Response::Error(HttpError{500, "internal", "dispatch threw", {}});
    }
    // Read the stop flag after the handler: a request in flight at a stop gets Connection: close.
    const bool keep_alive = parser.keep_alive() && !stopping_.load(std::memory_order_relaxed);
    error = co_await Write(connection, request, response, keep_alive, parser.version());
    Finish(request, route_index, response.status, started);
    if (error || !keep_alive) break;
  }
  ErrorCodeValue ignored;
  connection.socket.shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<ErrorCodeValue> HttpServer::Impl::Write(Connection& connection,
                                                        const Request& request,
                                                        const Response& response, bool keep_alive,
                                                        int version) {
  connection.Enter(Phase::kWriting, options_.write_timeout);
  SerializeHead(connection.head, response, request.request_id, keep_alive, version);
  const bool send_body = request.method != Method::kHead && StatusHasBody(response.status);
  const std::array<asio::const_buffer, 2> buffers = {
      asio::buffer(connection.head),
      send_body ? asio::buffer(response.body) : asio::const_buffer()};
  ErrorCodeValue error;
  co_await asio::async_write(connection.socket, buffers,
                             asio::redirect_error(asio::use_awaitable, error));
  co_return error;
}

// Answers a request that could not be read (too large, malformed, too slow) and closes the
// connection, reading what the client still sends for a while so that it sees the answer rather
// than a reset.
asio::awaitable<void> HttpServer::Impl::RefuseAndClose(Connection& connection, Request& request,
                                                       const HttpError& error,
                                                       Clock::time_point started) {
  if (const auto incoming = request.Header("X-Request-Id");
      incoming && IsValidRequestId(*incoming)) {
    request.request_id = std::string(*incoming);
  } else {
    request.request_id = NewRequestId();
  }
  if (request.path.empty()) request.path = "-";
  Response response;
  {
    internal::ScopedRequestId scoped_id(request.request_id);
    response = Response::Error(error);
  }
  const ErrorCodeValue write_error =
      co_await Write(connection, request, response, /*keep_alive=*/false, 11);
  Finish(request, Router::kUnmatched, response.status, started);
  if (!write_error) co_await Drain(connection);
}

asio::awaitable<void> HttpServer::Impl::Drain(Connection& connection) {
  ErrorCodeValue error;
  connection.socket.shutdown(tcp::socket::shutdown_send, error);
  connection.Enter(Phase::kDraining, std::min<Clock::duration>(kDrainTime, options_.read_timeout));
  std::array<char, 16384> scratch;
  std::size_t drained = 0;
  while (!error && drained < kMaxDrainBytes) {
    drained += co_await connection.socket.async_read_some(
        asio::buffer(scratch), asio::redirect_error(asio::use_awaitable, error));
  }
}

void HttpServer::Impl::Finish(const Request& request, int route_index, int status,
                              Clock::time_point started) {
  const Clock::duration elapsed = Clock::now() - started;
  if (metrics_ != nullptr) {
    metrics_->Record(route_index, request.method, status,
                     std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed));
  }
  const bool quiet = route_index >= 0 && router_.routes()[route_index].quiet;
  const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
  const std::string_view path = std::string_view(request.path).substr(0, kMaxLoggedPath);
  log::Write(quiet ? log::Level::kDebug : log::Level::kInfo, "http.request",
             {{"request_id", request.request_id},
              {"method", MethodName(request.method)},
              {"path", path},
              {"status", status},
              {"ms", fmt::format("{:.3f}", ms)}});
}

HttpServer::HttpServer(ServerOptions options, const Router& router, Metrics* metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Start() { return impl_->Start(); }
std::uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::RequestStop() { impl_->RequestStop(); }
void HttpServer::Wait() { impl_->Wait(); }
void HttpServer::Stop() { impl_->Stop(); }
Status HttpServer::RunUntilSignal() { return impl_->RunUntilSignal(); }

}  // namespace shequ::api
