#include "api/metrics.h"

#include <gtest/gtest.h>

#include <thread>

#include "api/router.h"

namespace shequ::api {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

class MetricsTest : public ::testing::Test {
 protected:
  MetricsTest() {
    const Handler ok = [](RequestContext&) { return Response::NoContent(); };
    router_.Add({.method = Method::kGet, .path = "/api/v1/users/{id}", .handler = ok});
    router_.Add({.method = Method::kPost, .path = "/api/v1/users", .handler = ok});
    metrics_.BindRoutes(router_);
  }

  bool Contains(const std::string& line) const {
    return metrics_.Render().find(line + "\n") != std::string::npos;
  }

  Router router_;
  Metrics metrics_;
};

TEST_F(MetricsTest, CountsByRoutePatternMethodAndStatus) {
  metrics_.Record(0, Method::kGet, 200, microseconds(500));
  metrics_.Record(0, Method::kGet, 200, milliseconds(30));
  metrics_.Record(0, Method::kGet, 404, milliseconds(2));
  metrics_.Record(0, Method::kHead, 200, milliseconds(2));
  metrics_.Record(1, Method::kPost, 418, milliseconds(20));  // not in the lock-free table
  metrics_.Record(Router::kUnmatched, Method::kPut, 404, milliseconds(1));
  metrics_.Record(Router::kFallback, Method::kGet, 200, milliseconds(1));

  EXPECT_TRUE(Contains(
      R"(shequ_http_requests_total{route="/api/v1/users/{id}",method="GET",status="200"} 2)"));
  EXPECT_TRUE(Contains(
      R"(shequ_http_requests_total{route="/api/v1/users/{id}",method="GET",status="404"} 1)"));
  EXPECT_TRUE(Contains(
      R"(shequ_http_requests_total{route="/api/v1/users/{id}",method="HEAD",status="200"} 1)"));
  EXPECT_TRUE(
      Contains(R"(shequ_http_requests_total{route="/api/v1/users",method="POST",status="418"} 1)"));
  EXPECT_TRUE(
      Contains(R"(shequ_http_requests_total{route="unmatched",method="PUT",status="404"} 1)"));
  EXPECT_TRUE(Contains(R"(shequ_http_requests_total{route="static",method="GET",status="200"} 1)"));
  EXPECT_EQ(metrics_.RequestCount(1, Method::kPost, 418), 1u);
  EXPECT_EQ(metrics_.RequestCount(0, Method::kGet, 200), 2u);
}

TEST_F(MetricsTest, HistogramBucketsAreCumulative) {
  metrics_.Record(0, Method::kGet, 200, microseconds(500));         // ≤ 1 ms
  metrics_.Record(0, Method::kGet, 200, milliseconds(30));          // ≤ 50 ms
  metrics_.Record(0, Method::kGet, 404, milliseconds(20));          // ≤ 25 ms
  metrics_.Record(0, Method::kGet, 200, std::chrono::seconds(20));  // only +Inf
  const std::string prefix =
      R"(shequ_http_request_duration_seconds_bucket{route="/api/v1/users/{id}",method="GET",)";
  EXPECT_TRUE(Contains(prefix + R"(le="0.001"} 1)"));
  EXPECT_TRUE(Contains(prefix + R"(le="0.01"} 1)"));
  EXPECT_TRUE(Contains(prefix + R"(le="0.025"} 2)"));
  EXPECT_TRUE(Contains(prefix + R"(le="0.05"} 3)"));
  EXPECT_TRUE(Contains(prefix + R"(le="10"} 3)"));
  EXPECT_TRUE(Contains(prefix + R"(le="+Inf"} 4)"));
  EXPECT_TRUE(Contains(
      R"(shequ_http_request_duration_seconds_count{route="/api/v1/users/{id}",method="GET"} 4)"));
  EXPECT_TRUE(Contains(
      R"(shequ_http_request_duration_seconds_sum{route="/api/v1/users/{id}",method="GET"} 20.0505)"));
  EXPECT_TRUE(Contains("# TYPE shequ_http_request_duration_seconds histogram"));
}

TEST_F(MetricsTest, CollectorsAddSamples) {
  metrics_.AddCollector([] {
    return std::vector<MetricSample>{
        {"shequ_db_pool_size", "Connections in the pool.", MetricType::kGauge, 8},
        {"shequ_db_pool_acquired_total", "Connections lent out.", MetricType::kCounter, 1234},
    };
  });
  const std::string text = metrics_.Render();
  EXPECT_NE(text.find("# TYPE shequ_db_pool_size gauge\nshequ_db_pool_size 8\n"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE shequ_db_pool_acquired_total counter\n"
                      "shequ_db_pool_acquired_total 1234\n"),
            std::string::npos);
}

TEST_F(MetricsTest, ConnectionsAndConcurrentRecords) {
  metrics_.ConnectionOpened();
  metrics_.ConnectionOpened();
  metrics_.ConnectionClosed();
  EXPECT_TRUE(Contains("shequ_http_connections_open 1"));
  EXPECT_TRUE(Contains("shequ_http_connections_total 2"));

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this] {
      for (int i = 0; i < 10000; ++i) metrics_.Record(1, Method::kPost, 201, microseconds(100));
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(metrics_.RequestCount(1, Method::kPost, 201), 40000u);
}

TEST(MetricsUnboundTest, RecordsBeforeBindingAreDropped) {
  Metrics metrics;
  metrics.Record(0, Method::kGet, 200, milliseconds(1));
  EXPECT_EQ(metrics.RequestCount(0, Method::kGet, 200), 0u);
  EXPECT_NE(metrics.Render().find("shequ_http_connections_open 0"), std::string::npos);
}

}  // namespace
}  // namespace shequ::api
