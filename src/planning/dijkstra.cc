#include "planning/dijkstra.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <memory>
#include <queue>
#include <thread>
#include <utility>

namespace shequ::planning {

SearchWorkspace::SearchWorkspace(const WalkGraph& graph)
    : graph_(&graph),
      labels_(graph.NodeCount(), Label{kUnreachable, 0, kNoSource}),
      queued_(graph.NodeCount(), 0) {
  // Live entries span at most one edge length beyond the current bucket, so a circle of
  // (longest edge / width + 2) buckets never wraps onto itself.
  float longest = 0;
  for (const Arc& arc : graph.Arcs()) longest = std::max(longest, arc.length_m);
  const auto needed = static_cast<std::uint64_t>(static_cast<double>(longest) * kInvWidth) + 2;
  const std::uint64_t size = std::bit_ceil(std::max<std::uint64_t>(needed, 64));
  buckets_.resize(size);
  non_empty_.assign(size / 64, 0);
  bucket_mask_ = size - 1;
  reached_.reserve(graph.NodeCount());
}

void SearchWorkspace::Push(NodeId node, std::uint64_t bucket) {
  const std::uint64_t slot = bucket & bucket_mask_;
  buckets_[slot].push_back(node);
  non_empty_[slot / 64] |= std::uint64_t{1} << (slot % 64);
  queued_[node] = 1;
  ++pending_;
}

std::uint64_t SearchWorkspace::NextNonEmpty(std::uint64_t from) const {
  const std::uint64_t size = bucket_mask_ + 1;
  const std::uint64_t start = from & bucket_mask_;
  // The first word, masked to the bits at or after `start`, then whole words around the circle.
  std::uint64_t word = non_empty_[start / 64] & (~std::uint64_t{0} << (start % 64));
  std::uint64_t word_index = start / 64;
  for (std::uint64_t seen = 0; word == 0 && seen <= size / 64; ++seen) {
    word_index = (word_index + 1) % (size / 64);
    word = non_empty_[word_index];
  }
  const std::uint64_t slot = word_index * 64 + static_cast<std::uint64_t>(std::countr_zero(word));
  return from + ((slot - start) & bucket_mask_);
}

void SearchWorkspace::Run(std::span<const SearchSource> sources, double max_distance_m) {
  if (++current_stamp_ == 0) {
    // Stamp wrapped after 2^32 searches: clear once and start again.
    for (Label& label : labels_) label.stamp = 0;
    current_stamp_ = 1;
  }
  // Buckets and queued_ are empty again at the end of every search (each live entry is popped),
  // so a bounded search costs what it touches, not the size of the graph.
  reached_.clear();
  pending_ = 0;

  std::uint64_t current = std::numeric_limits<std::uint64_t>::max();
  for (const SearchSource& s : sources) {
    if (s.node >= labels_.size() || !std::isfinite(s.offset_m) || s.offset_m < 0 ||
        s.offset_m > max_distance_m) {
      continue;
    }
    Label& label = labels_[s.node];
    if (label.stamp == current_stamp_) {
      if (label.dist <= s.offset_m) continue;
    } else {
      label.stamp = current_stamp_;
      reached_.push_back(s.node);
    }
    label.dist = s.offset_m;
    label.source = s.source;
    current = std::min(current, BucketOf(s.offset_m));
  }
  // Sources go in after all offsets are known, so each sits once in its final bucket. Offsets may
  // differ by more than the circle covers; those wait in `late` until the sweep comes near.
  std::vector<NodeId> late;
  for (NodeId node : reached_) {
    const std::uint64_t b = BucketOf(labels_[node].dist);
    if (b - current < bucket_mask_) {
      Push(node, b);
    } else {
      late.push_back(node);
    }
  }
  std::sort(late.begin(), late.end(),
            [this](NodeId a, NodeId b) { return labels_[a].dist < labels_[b].dist; });
  std::size_t next_late = 0;

  const std::span<const std::uint32_t> offsets = graph_->Offsets();
  const std::span<const Arc> arcs = graph_->Arcs();
  while (true) {
    if (pending_ == 0) {
      if (next_late == late.size()) break;
      current = std::max(current, BucketOf(labels_[late[next_late]].dist));
    }
    while (next_late < late.size()) {
      const NodeId node = late[next_late];
      const std::uint64_t b = BucketOf(labels_[node].dist);
      if (b >= current && b - current >= bucket_mask_) break;
      ++next_late;
      // Reached meanwhile by a shorter way: then it is queued or done already.
      if (b >= current && !queued_[node]) Push(node, b);
    }
    if (pending_ == 0) continue;  // the late source was reached by a shorter way meanwhile
    current = NextNonEmpty(current);
    const std::uint64_t slot = current & bucket_mask_;
    std::vector<NodeId>& bucket = buckets_[slot];
    while (!bucket.empty()) {
      const NodeId u = bucket.back();
      bucket.pop_back();
      --pending_;
      const Label& lu = labels_[u];
      // Stale: the node moved to an earlier bucket, or this entry was already processed.
      if (BucketOf(lu.dist) != current || !queued_[u]) continue;
      queued_[u] = 0;
      const double du = lu.dist;
      const std::uint32_t su = lu.source;
      for (std::uint32_t i = offsets[u], end = offsets[u + 1]; i < end; ++i) {
        const NodeId v = arcs[i].target;
        const double dv = du + static_cast<double>(arcs[i].length_m);
        if (dv > max_distance_m) continue;
        Label& lv = labels_[v];
        if (lv.stamp != current_stamp_) {
          lv.stamp = current_stamp_;
          reached_.push_back(v);
        } else if (lv.dist <= dv) {
          continue;
        }
        const std::uint64_t old_bucket = queued_[v] ? BucketOf(lv.dist) : ~std::uint64_t{0};
        lv.dist = dv;
        lv.source = su;
        const std::uint64_t b = BucketOf(dv);
        // Improved within its own bucket while still queued: its entry stays valid. Otherwise a
        // new entry (a node improved in the bucket being processed is processed again).
        if (b != old_bucket) Push(v, b);
      }
    }
    non_empty_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
    ++current;
  }
}

NearestSourceResult NearestSources(const WalkGraph& graph, std::span<const SearchSource> sources,
                                   double max_distance_m, SearchWorkspace& workspace) {
  workspace.Run(sources, max_distance_m);
  NearestSourceResult result;
  const std::size_t n = graph.NodeCount();
  result.distance_m.resize(n);
  result.source.resize(n);
  for (NodeId v = 0; v < n; ++v) {
    result.distance_m[v] = workspace.Distance(v);
    result.source[v] = workspace.NearestSource(v);
  }
  return result;
}

SearchPool::SearchPool(const WalkGraph& graph, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Each workspace is its own 128-byte-aligned allocation, so threads never share a cache line.
  workspaces_.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) {
    workspaces_.push_back(std::make_unique<SearchWorkspace>(graph));
  }
}

void SearchPool::Run(std::size_t task_count,
                     const std::function<void(std::size_t task, SearchWorkspace&)>& fn) {
  const auto threads = static_cast<unsigned>(
      std::min<std::size_t>(workspaces_.size(), std::max<std::size_t>(task_count, 1)));
  alignas(128) std::atomic<std::size_t> next{0};
  auto worker = [&](unsigned t) {
    for (std::size_t task = next.fetch_add(1); task < task_count; task = next.fetch_add(1)) {
      fn(task, *workspaces_[t]);
    }
  };
  std::vector<std::jthread> pool;
  pool.reserve(threads);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
}

void ParallelSearches(const WalkGraph& graph, std::size_t task_count, unsigned threads,
                      const std::function<void(std::size_t task, SearchWorkspace&)>& fn) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads =
      static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(task_count, 1)));
  SearchPool pool(graph, threads);
  pool.Run(task_count, fn);
}

std::vector<double> ReferenceDijkstra(const WalkGraph& graph, NodeId source, double offset_m,
                                      double max_distance_m) {
  std::vector<double> dist(graph.NodeCount(), kUnreachable);
  using Entry = std::pair<double, NodeId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  if (offset_m > max_distance_m) return dist;
  dist[source] = offset_m;
  queue.push({offset_m, source});
  while (!queue.empty()) {
    const auto [d, u] = queue.top();
    queue.pop();
    if (d > dist[u]) continue;
    for (const Arc& arc : graph.ArcsOf(u)) {
      const double nd = d + static_cast<double>(arc.length_m);
      if (nd <= max_distance_m && nd < dist[arc.target]) {
        dist[arc.target] = nd;
        queue.push({nd, arc.target});
      }
    }
  }
  return dist;
}

}  // namespace shequ::planning
