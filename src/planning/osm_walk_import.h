// Builds the walking network from an OpenStreetMap extract (.osm.pbf or .osm XML, by extension)
// with libosmium: the nodes of walkable ways (walkable_rules.h), one edge per pair of consecutive
// way nodes with its haversine length, then only the largest connected piece is kept and, on
// request, chains of degree-2 nodes are collapsed into single edges.
// One call reads one file; calls on different files may run on different threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "base/error.h"
#include "planning/walk_graph.h"

namespace shequ::planning {

struct WalkImportOptions {
  // Drop every piece but the largest: a building snapped to a stray piece (a pedestrian area
  // sharing no node with the streets) would otherwise look cut off from everything.
  bool keep_largest_component_only = true;
  // Replace chains of degree-2 nodes by single edges (most nodes of a walking graph: 87% in
  // Monaco); the geometry stays in WalkImport::pieces, so snapping is unchanged.
  bool collapse_chains = false;
  // Called after every block read with (bytes read so far, file size); may be empty.
  std::function<void(std::size_t bytes_read, std::size_t file_size)> progress;
};

struct WalkImportStats {
  std::size_t ways_read = 0;
  std::size_t walkable_ways = 0;
  std::size_t missing_node_locations = 0;  // way nodes absent from the extract (clipped ways)
  std::size_t components = 0;              // connected pieces before dropping
  std::size_t dropped_nodes = 0;           // nodes in the pieces that were dropped
  std::size_t dropped_components = 0;
  std::size_t nodes_before_collapse = 0;  // equal to the graph's node count when not collapsed
};

struct WalkImport {
  WalkGraph graph;
  std::vector<std::int64_t> osm_node_id;  // per graph node, the OSM node it came from
  std::vector<EdgePiece> pieces;          // every edge's geometry: build an EdgeSnapper from it
  WalkImportStats stats;
};

// Errors: kNotFound when the file cannot be opened, kInvalidArgument when it is corrupt or
// truncated, or holds no walkable way.
Result<WalkImport> ImportWalkGraph(const std::string& path, const WalkImportOptions& options = {});

}  // namespace shequ::planning
