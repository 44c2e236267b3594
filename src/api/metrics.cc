#include "api/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>

#include "api/router.h"

namespace shequ::api {
namespace {

// The statuses counted without a lock; any other is counted under the mutex.
constexpr std::array<int, 34> kKnownStatuses = {
    200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 406,
    408, 409, 410, 411, 412, 413, 414, 415, 416, 422, 429, 431, 500, 501, 502, 503, 504};

constexpr auto kStatusIndex = [] {
  std::array<std::int8_t, 600> index{};
  index.fill(-1);
  for (std::size_t i = 0; i < kKnownStatuses.size(); ++i) {
    index[kKnownStatuses[i]] = static_cast<std::int8_t>(i);
  }
  return index;
}();

// Upper bounds: nanoseconds for Record(), the `le` label for Render().
struct Bucket {
  std::int64_t nanos;
  std::string_view label;
};
constexpr std::array<Bucket, 13> kBuckets = {{{1'000'000, "0.001"},
                                              {2'500'000, "0.0025"},
                                              {5'000'000, "0.005"},
                                              {10'000'000, "0.01"},
                                              {25'000'000, "0.025"},
                                              {50'000'000, "0.05"},
                                              {100'000'000, "0.1"},
                                              {250'000'000, "0.25"},
                                              {500'000'000, "0.5"},
                                              {1'000'000'000, "1"},
                                              {2'500'000'000, "2.5"},
                                              {5'000'000'000, "5"},
                                              {10'000'000'000, "10"}}};

void AppendEscapedLabel(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

}  // namespace

struct Metrics::Slot {
  std::array<std::atomic<std::uint64_t>, kKnownStatuses.size()> statuses{};
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // last is +Inf
  std::atomic<std::uint64_t> sum_nanos{0};
  std::atomic<std::uint64_t> count{0};
};

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

// Slots: two per route (its method, and HEAD answered by a GET route), one per method for
// unmatched requests, then GET and HEAD for the fallback.
void Metrics::BindRoutes(const Router& router) {
  route_count_ = static_cast<int>(router.routes().size());
  slot_count_ = 2 * route_count_ + kMethodCount + 2;
  slots_ = std::make_unique<Slot[]>(slot_count_);
  route_labels_.assign(slot_count_, {});
  method_labels_.assign(slot_count_, {});
  const auto label = [this](int slot, std::string_view route, Method method) {
    route_labels_[static_cast<std::size_t>(slot)] = route;
    method_labels_[static_cast<std::size_t>(slot)] = MethodName(method);
  };
  for (int i = 0; i < route_count_; ++i) {
    const RouteSpec& route = router.routes()[static_cast<std::size_t>(i)];
    label(2 * i, route.path, route.method);
    label(2 * i + 1, route.path, Method::kHead);
  }
  for (int m = 0; m < kMethodCount; ++m) {
    label(2 * route_count_ + m, "unmatched", static_cast<Method>(m));
  }
  label(slot_count_ - 2, "static", Method::kGet);
  label(slot_count_ - 1, "static", Method::kHead);
}

int Metrics::SlotIndex(int route_index, Method method) const {
  if (route_index >= 0 && route_index < route_count_) {
    return 2 * route_index + (method == Method::kHead ? 1 : 0);
  }
  if (route_index == Router::kFallback) return slot_count_ - (method == Method::kHead ? 1 : 2);
  return 2 * route_count_ + static_cast<int>(method);
}

void Metrics::Record(int route_index, Method method, int status,
                     std::chrono::nanoseconds duration) {
  if (!slots_) return;
  const int slot_index = SlotIndex(route_index, method);
  Slot& slot = slots_[slot_index];
  const int status_index = (status >= 0 && status < 600) ? kStatusIndex[status] : -1;
  if (status_index >= 0) {
    slot.statuses[status_index].fetch_add(1, std::memory_order_relaxed);
  } else {
    std::lock_guard lock(mutex_);
    const std::pair<int, int> key(slot_index, status);
    auto it = std::find_if(other_statuses_.begin(), other_statuses_.end(),
                           [&](const auto& entry) { return entry.first == key; });
    if (it == other_statuses_.end()) {
      other_statuses_.emplace_back(key, 1);
    } else {
      ++it->second;
    }
  }
  const std::int64_t nanos = std::max<std::int64_t>(0, duration.count());
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && nanos > kBuckets[bucket].nanos) ++bucket;
  slot.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  slot.sum_nanos.fetch_add(static_cast<std::uint64_t>(nanos), std::memory_order_relaxed);
  slot.count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ConnectionOpened() {
  connections_open_.fetch_add(1, std::memory_order_relaxed);
  connections_total_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ConnectionClosed() { connections_open_.fetch_sub(1, std::memory_order_relaxed); }

void Metrics::AddCollector(MetricCollector collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::uint64_t Metrics::RequestCount(int route_index, Method method, int status) const {
  if (!slots_) return 0;
  const int slot_index = SlotIndex(route_index, method);
  const int status_index = (status >= 0 && status < 600) ? kStatusIndex[status] : -1;
  if (status_index >= 0) {
    return slots_[slot_index].statuses[status_index].load(std::memory_order_relaxed);
  }
  std::lock_guard lock(mutex_);
  for (const auto& [key, count] : other_statuses_) {
    if (key == std::pair(slot_index, status)) return count;
  }
  return 0;
}

void Metrics::RenderHttp(std::string& out) const {
  auto out_it = std::back_inserter(out);
  const auto labels = [&](int slot_index) {
    out += "route=\"";
    AppendEscapedLabel(out, route_labels_[slot_index]);
    out += "\",method=\"";
    out += method_labels_[slot_index];
    out += '"';
  };

  out +=
      "# HELP shequ_http_requests_total HTTP requests answered, by route pattern, method and "
      "status.\n# TYPE shequ_http_requests_total counter\n";
  std::vector<std::pair<std::pair<int, int>, std::uint64_t>> others;
  {
    std::lock_guard lock(mutex_);
    others = other_statuses_;
  }
  for (int s = 0; s < slot_count_; ++s) {
    const Slot& slot = slots_[s];
    for (std::size_t k = 0; k < kKnownStatuses.size(); ++k) {
      const std::uint64_t count = slot.statuses[k].load(std::memory_order_relaxed);
      if (count == 0) continue;
      out += "shequ_http_requests_total{";
      labels(s);
      fmt::format_to(out_it, ",status=\"{}\"}} {}\n", kKnownStatuses[k], count);
    }
    for (const auto& [key, count] : others) {
      if (key.first != s) continue;
      out += "shequ_http_requests_total{";
      labels(s);
      fmt::format_to(out_it, ",status=\"{}\"}} {}\n", key.second, count);
    }
  }

  out +=
      "# HELP shequ_http_request_duration_seconds Time from a complete request to the last byte "
      "of its response.\n# TYPE shequ_http_request_duration_seconds histogram\n";
  for (int s = 0; s < slot_count_; ++s) {
    const Slot& slot = slots_[s];
    const std::uint64_t total = slot.count.load(std::memory_order_relaxed);
    if (total == 0) continue;
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += slot.buckets[b].load(std::memory_order_relaxed);
      out += "shequ_http_request_duration_seconds_bucket{";
      labels(s);
      if (b < kBuckets.size()) {
        fmt::format_to(out_it, ",le=\"{}\"}} {}\n", kBuckets[b].label, cumulative);
      } else {
        fmt::format_to(out_it, ",le=\"+Inf\"}} {}\n", cumulative);
      }
    }
    out += "shequ_http_request_duration_seconds_sum{";
    labels(s);
    fmt::format_to(out_it, "}} {}\n",
                   static_cast<double>(slot.sum_nanos.load(std::memory_order_relaxed)) / 1e9);
    out += "shequ_http_request_duration_seconds_count{";
    labels(s);
    // The +Inf bucket, read above, is the count that agrees with the buckets.
    fmt::format_to(out_it, "}} {}\n", cumulative);
  }
}

std::string Metrics::Render() const {
  std::string out;
  out.reserve(4096);
  if (slots_) RenderHttp(out);
  auto out_it = std::back_inserter(out);
  fmt::format_to(out_it,
                 "# HELP shequ_http_connections_open Open client connections.\n"
                 "# TYPE shequ_http_connections_open gauge\n"
                 "shequ_http_connections_open {}\n"
                 "# HELP shequ_http_connections_total Client connections accepted.\n"
                 "# TYPE shequ_http_connections_total counter\n"
                 "shequ_http_connections_total {}\n",
                 connections_open_.load(std::memory_order_relaxed),
                 connections_total_.load(std::memory_order_relaxed));

  std::vector<MetricCollector> collectors;
  {
    std::lock_guard lock(mutex_);
    collectors = collectors_;
  }
  for (const MetricCollector& collector : collectors) {
    for (const MetricSample& sample : collector()) {
      fmt::format_to(out_it, "# HELP {} {}\n# TYPE {} {}\n{} {}\n", sample.name, sample.help,
                     sample.name, sample.type == MetricType::kCounter ? "counter" : "gauge",
                     sample.name, sample.value);
    }
  }
  return out;
}

}  // namespace shequ::api
