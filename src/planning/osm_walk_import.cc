#include "planning/osm_walk_import.h"

#include <exception>
#include <filesystem>
#include <numeric>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/visitor.hpp>
#include <unordered_map>
#include <utility>
#include <vector>

#include "planning/walkable_rules.h"

namespace shequ::planning {
namespace {

using LocationIndex =
    osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;

std::string_view Tag(const osmium::TagList& tags, const char* key) {
  const char* value = tags.get_value_by_key(key);
  return value == nullptr ? std::string_view{} : std::string_view{value};
}

// Collects the walkable ways: for each one the OSM ids and locations of its nodes.
class WayCollector : public osmium::handler::Handler {
 public:
  void way(const osmium::Way& way) {
    ++stats_->ways_read;
    const osmium::TagList& tags = way.tags();
    const WayTags walk{Tag(tags, "highway"), Tag(tags, "foot"), Tag(tags, "access"),
                       Tag(tags, "area"), Tag(tags, "footway")};
    if (!DecideWalkable(walk).walkable) return;
    ++stats_->walkable_ways;
    NodeId previous = kNoNode;
    Coord previous_coord;
    for (const osmium::NodeRef& ref : way.nodes()) {
      if (!ref.location().valid()) {
        // A clipped way: the segment into the missing node cannot be measured, so break here.
        ++stats_->missing_node_locations;
        previous = kNoNode;
        continue;
      }
      const Coord coord{ref.location().y(), ref.location().x()};
      auto [it, inserted] = node_of_osm_.try_emplace(ref.ref(), NodeId{0});
      if (inserted) {
        it->second = builder_->AddNode(coord);
        osm_ids_->push_back(ref.ref());
      }
      const NodeId node = it->second;
      if (previous != kNoNode && previous != node) {
        builder_->AddEdge(previous, node,
                          static_cast<float>(HaversineMetres(previous_coord, coord)));
      }
      previous = node;
      previous_coord = coord;
    }
  }

  WayCollector(WalkGraphBuilder* builder, std::vector<std::int64_t>* osm_ids,
               WalkImportStats* stats)
      : builder_(builder), osm_ids_(osm_ids), stats_(stats) {}

 private:
  WalkGraphBuilder* builder_;
  std::vector<std::int64_t>* osm_ids_;
  WalkImportStats* stats_;
  std::unordered_map<std::int64_t, NodeId> node_of_osm_;
};

// Labels connected components; returns the label per node and the size per label.
std::vector<std::uint32_t> Components(const WalkGraph& graph, std::vector<std::size_t>* sizes) {
  const std::size_t n = graph.NodeCount();
  std::vector<std::uint32_t> label(n, 0xFFFFFFFFu);
  std::vector<NodeId> stack;
  sizes->clear();
  for (NodeId start = 0; start < n; ++start) {
    if (label[start] != 0xFFFFFFFFu) continue;
    const auto id = static_cast<std::uint32_t>(sizes->size());
    std::size_t size = 0;
    label[start] = id;
    stack.push_back(start);
    while (!stack.empty()) {
      const NodeId u = stack.back();
      stack.pop_back();
      ++size;
      for (const Arc& arc : graph.ArcsOf(u)) {
        if (label[arc.target] == 0xFFFFFFFFu) {
          label[arc.target] = id;
          stack.push_back(arc.target);
        }
      }
    }
    sizes->push_back(size);
  }
  return label;
}

// Rebuilds the graph with only the nodes of component `keep`.
WalkImport KeepComponent(WalkImport in, const std::vector<std::uint32_t>& label,
                         std::uint32_t keep) {
  WalkGraphBuilder builder;
  const WalkGraph& g = in.graph;
  std::vector<NodeId> sub(g.NodeCount(), kNoNode);
  std::vector<std::int64_t> osm_ids;
  for (NodeId v = 0; v < g.NodeCount(); ++v) {
    if (label[v] != keep) continue;
    sub[v] = builder.AddNode(g.CoordOf(v));
    osm_ids.push_back(in.osm_node_id[v]);
  }
  for (NodeId v = 0; v < g.NodeCount(); ++v) {
    if (sub[v] == kNoNode) continue;
    for (const Arc& arc : g.ArcsOf(v)) {
      if (v < arc.target) builder.AddEdge(sub[v], sub[arc.target], arc.length_m);
    }
  }
  WalkImport out;
  std::vector<NodeId> new_id;
  out.graph = builder.Build(&new_id);
  out.osm_node_id.resize(osm_ids.size());
  for (std::size_t i = 0; i < osm_ids.size(); ++i) out.osm_node_id[new_id[i]] = osm_ids[i];
  out.stats = in.stats;
  return out;
}

}  // namespace

Result<WalkImport> ImportWalkGraph(const std::string& path, const WalkImportOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return NotFound("OSM file not found or not a regular file: " + path);
  }
  WalkImport result;
  WalkGraphBuilder builder;
  std::vector<std::int64_t> provisional_osm_ids;
  try {
    osmium::io::Reader reader{path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
    LocationIndex index;
    osmium::handler::NodeLocationsForWays<LocationIndex> locations{index};
    locations.ignore_errors();  // missing nodes leave invalid locations; WayCollector counts them
    WayCollector collector{&builder, &provisional_osm_ids, &result.stats};
    while (osmium::memory::Buffer buffer = reader.read()) {
      osmium::apply(buffer, locations, collector);
      if (options.progress) options.progress(reader.offset(), reader.file_size());
    }
    reader.close();
  } catch (const std::exception& e) {
    return InvalidArgument("cannot read OSM file " + path +
                           " (corrupt or truncated?): " + e.what());
  }
  if (result.stats.walkable_ways == 0 || builder.EdgeCount() == 0) {
    return InvalidArgument("OSM file " + path + " holds no walkable way (" +
                           std::to_string(result.stats.ways_read) + " ways read)");
  }

  std::vector<NodeId> new_id;
  result.graph = builder.Build(&new_id);
  result.osm_node_id.resize(provisional_osm_ids.size());
  for (std::size_t i = 0; i < provisional_osm_ids.size(); ++i) {
    result.osm_node_id[new_id[i]] = provisional_osm_ids[i];
  }

  std::vector<std::size_t> sizes;
  const std::vector<std::uint32_t> label = Components(result.graph, &sizes);
  result.stats.components = sizes.size();
  if (options.keep_largest_component_only && sizes.size() > 1) {
    std::uint32_t largest = 0;
    for (std::uint32_t c = 1; c < sizes.size(); ++c) {
      if (sizes[c] > sizes[largest]) largest = c;
    }
    result.stats.dropped_components = sizes.size() - 1;
    result.stats.dropped_nodes = result.graph.NodeCount() - sizes[largest];
    result = KeepComponent(std::move(result), label, largest);
  }
  result.stats.nodes_before_collapse = result.graph.NodeCount();
  if (options.collapse_chains) {
    CollapsedGraph collapsed = CollapseChains(result.graph);
    std::vector<std::int64_t> osm_ids(collapsed.original_node.size());
    for (std::size_t v = 0; v < osm_ids.size(); ++v) {
      osm_ids[v] = result.osm_node_id[collapsed.original_node[v]];
    }
    result.graph = std::move(collapsed.graph);
    result.osm_node_id = std::move(osm_ids);
    result.pieces = std::move(collapsed.pieces);
  } else {
    result.pieces = StraightPieces(result.graph);
  }
  return result;
}

}  // namespace shequ::planning
