// Exact shortest walking distances on a WalkGraph: one search from many sources at once (nearest
// facility of one type from every node) or from one point (everything within D metres). A
// SearchWorkspace holds one search's state and is reused: one per thread, never shared.
// ParallelSearches runs many searches over the machine's cores with one workspace per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "planning/walk_graph.h"

namespace shequ::planning {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();
inline constexpr std::uint32_t kNoSource = 0xFFFFFFFFu;

// A search starts at `node` with `offset_m` already walked (a point snapped onto an edge starts
// at both ends of the edge, each with its own offset). `source` is the caller's label, reported
// back as the nearest source.
struct SearchSource {
  NodeId node;
  double offset_m;
  std::uint32_t source;
};

// Per-thread search state. The distance and source arrays are valid only where the visited stamp
// equals the current search's stamp, so nothing is cleared between searches.
//
// The queue is a bucket queue (Dial) over 0.1 m buckets that keeps exact double distances: a node
// improved inside its own bucket is processed again, so results equal a textbook Dijkstra.
class alignas(128) SearchWorkspace {
 public:
  explicit SearchWorkspace(const WalkGraph& graph);

  // Runs one search; distances beyond `max_distance_m` are not explored (kUnreachable for none).
  void Run(std::span<const SearchSource> sources, double max_distance_m);

  // After Run: the distance and nearest source of a node (kUnreachable / kNoSource if not
  // reached within the bound).
  double Distance(NodeId node) const {
    return labels_[node].stamp == current_stamp_ ? labels_[node].dist : kUnreachable;
  }
  std::uint32_t NearestSource(NodeId node) const {
    return labels_[node].stamp == current_stamp_ ? labels_[node].source : kNoSource;
  }
  // The nodes reached by the last Run, in the order they were first labelled.
  std::span<const NodeId> Reached() const { return reached_; }

 private:
  std::uint64_t BucketOf(double d) const { return static_cast<std::uint64_t>(d * kInvWidth); }
  void Push(NodeId node, std::uint64_t bucket);
  // The first bucket at or after `from` that holds an entry (there must be one).
  std::uint64_t NextNonEmpty(std::uint64_t from) const;

  static constexpr double kInvWidth = 10.0;  // 0.1 m buckets

  const WalkGraph* graph_;
  // One 16-byte record per node, so a relaxation touches one cache line, not three.
  struct Label {
    double dist;
    std::uint32_t stamp;
    std::uint32_t source;
  };
  std::vector<Label> labels_;
  std::vector<std::uint8_t> queued_;  // a live queue entry exists in the node's current bucket
  std::vector<NodeId> reached_;
  std::vector<std::vector<NodeId>> buckets_;  // circular; sized from the longest edge
  std::vector<std::uint64_t> non_empty_;      // one bit per bucket: skip empty runs 64 at a time
  std::uint64_t bucket_mask_ = 0;
  std::size_t pending_ = 0;
  std::uint32_t current_stamp_ = 0;
};

// The result of a multi-source sweep over the whole graph.
struct NearestSourceResult {
  std::vector<double> distance_m;     // per node; kUnreachable beyond the bound
  std::vector<std::uint32_t> source;  // per node; kNoSource beyond the bound
};

// Nearest source, and its distance, for every node of the graph, in one search.
NearestSourceResult NearestSources(const WalkGraph& graph, std::span<const SearchSource> sources,
                                   double max_distance_m, SearchWorkspace& workspace);

// One workspace per thread, kept between batches so that a batch of searches costs no setup.
// Run calls fn(task, workspace) for task in [0, task_count) on the pool's threads; fn must only
// write to per-task outputs. One Run at a time per pool.
class SearchPool {
 public:
  // threads == 0: one per core.
  SearchPool(const WalkGraph& graph, unsigned threads);
  void Run(std::size_t task_count,
           const std::function<void(std::size_t task, SearchWorkspace&)>& fn);
  unsigned Threads() const { return static_cast<unsigned>(workspaces_.size()); }

 private:
  std::vector<std::unique_ptr<SearchWorkspace>> workspaces_;
};

// A one-off SearchPool: fn over [0, task_count) on `threads` threads (0: one per core).
void ParallelSearches(const WalkGraph& graph, std::size_t task_count, unsigned threads,
                      const std::function<void(std::size_t task, SearchWorkspace&)>& fn);

// The textbook Dijkstra (binary heap, lazy deletion) from one node, for tests and benchmarks:
// distances to every node within the bound, kUnreachable elsewhere.
std::vector<double> ReferenceDijkstra(const WalkGraph& graph, NodeId source, double offset_m,
                                      double max_distance_m);

}  // namespace shequ::planning
