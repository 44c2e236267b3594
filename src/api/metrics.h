// Prometheus metrics of the HTTP server, rendered in the text exposition format at GET /metrics.
//
//   shequ_http_requests_total{route="/api/v1/users/{id}",method="GET",status="200"}   counter
//   shequ_http_request_duration_seconds{route,method}                                 histogram
//   shequ_http_connections_open, shequ_http_connections_total
//
// `route` is the registered pattern (never the raw path, so ids do not multiply the series);
// "unmatched" for requests no route answered, "static" for the UI files. Other modules add their
// own samples through a collector (the database pool's gauges). Record() is lock-free (relaxed
// atomics); AddCollector() and Render() take a mutex. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/http_types.h"

namespace shequ::api {

class Router;

enum class MetricType { kGauge, kCounter };

// One sample from outside, e.g. {"shequ_db_pool_in_use", "Connections lent out.", kGauge, 3}.
struct MetricSample {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;
  double value = 0;
};

// Called on every scrape, on an io thread: must be thread-safe and quick.
using MetricCollector = std::function<std::vector<MetricSample>()>;

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Sizes the per-route table from the router's routes. HttpServer::Start() calls it once every
  // route is registered; requests recorded before are dropped. Not thread-safe with Record().
  void BindRoutes(const Router& router);

  // Counts one answered request. `route_index` as from Router::Dispatch().
  void Record(int route_index, Method method, int status, std::chrono::nanoseconds duration);

  void ConnectionOpened();
  void ConnectionClosed();

  // Adds samples to every later Render(). The collector must outlive this object's use.
  void AddCollector(MetricCollector collector);

  // The text exposition format, version 0.0.4.
  std::string Render() const;

  // The count recorded for one route + method + status (for tests).
  std::uint64_t RequestCount(int route_index, Method method, int status) const;

 private:
  struct Slot;

  int SlotIndex(int route_index, Method method) const;
  void RenderHttp(std::string& out) const;

  std::unique_ptr<Slot[]> slots_;
  int slot_count_ = 0;
  int route_count_ = 0;
  std::vector<std::string> route_labels_;  // by slot
  std::vector<std::string_view> method_labels_;

  std::atomic<std::uint64_t> connections_open_{0};
  std::atomic<std::uint64_t> connections_total_{0};

  mutable std::mutex mutex_;  // guards the two below
  std::vector<MetricCollector> collectors_;
  std::vector<std::pair<std::pair<int, int>, std::uint64_t>> other_statuses_;  // (slot, status)
};

}  // namespace shequ::api
