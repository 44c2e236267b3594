// The walking graph as bytes, so that an import is stored once (in the database, beside the
// buildings and facilities it was read with) and every server loads it in milliseconds instead of
// parsing the OSM file again.
//
// Layout (little-endian): the magic "SHQWALK1", u32 node count, u32 arc count, the offsets (u32),
// the arcs (u32 target, f32 length in metres), the coordinates (i32 lat·1e7, i32 lon·1e7), and a
// CRC-32 of everything before it. 28 bytes per node and 8 per arc, as in memory. Pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/error.h"
#include "planning/walk_graph.h"

namespace shequ::planning {

std::vector<std::uint8_t> EncodeWalkGraph(const WalkGraph& graph);

// kInvalidArgument when the bytes are not an encoded graph, are cut short, fail the checksum or
// describe an inconsistent graph.
Result<WalkGraph> DecodeWalkGraph(std::span<const std::uint8_t> bytes);

}  // namespace shequ::planning
