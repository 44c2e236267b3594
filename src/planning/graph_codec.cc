#include "planning/graph_codec.h"

#include <zlib.h>

#include <bit>
#include <cstring>
#include <string_view>

namespace shequ::planning {
namespace {

// The arrays are copied as they lie in memory, which is the file's byte order only on
// little-endian machines: every machine shequ targets (x86-64, AArch64 Linux).
static_assert(std::endian::native == std::endian::little, "graph_codec assumes little-endian");
static_assert(sizeof(Arc) == 8 && sizeof(Coord) == 8);

constexpr std::string_view kMagic = "SHQWALK1";
constexpr std::size_t kHeaderBytes = kMagic.size() + 2 * sizeof(std::uint32_t);

template <typename T>
void Append(std::vector<std::uint8_t>& out, std::span<const T> items) {
  if (items.empty()) return;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(items.data());
  out.insert(out.end(), bytes, bytes + items.size_bytes());
}

void AppendU32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  Append(out, std::span<const std::uint32_t>(&value, 1));
}

std::uint32_t Crc32(std::span<const std::uint8_t> bytes) {
  return static_cast<std::uint32_t>(
      crc32(0L, bytes.data(), static_cast<uInt>(bytes.size())));  // < 4 GiB: checked by callers
}

template <typename T>
std::vector<T> Take(std::span<const std::uint8_t> bytes, std::size_t& at, std::size_t count) {
  std::vector<T> items(count);
  if (count == 0) return items;  // memcpy to an empty vector's null data() is undefined
  std::memcpy(items.data(), bytes.data() + at, count * sizeof(T));
  at += count * sizeof(T);
  return items;
}

}  // namespace

std::vector<std::uint8_t> EncodeWalkGraph(const WalkGraph& graph) {
  std::vector<std::uint8_t> out;
  out.reserve(kHeaderBytes + graph.MemoryBytes() + sizeof(std::uint32_t));
  out.insert(out.end(), kMagic.begin(), kMagic.end());
  AppendU32(out, static_cast<std::uint32_t>(graph.NodeCount()));
  AppendU32(out, static_cast<std::uint32_t>(graph.ArcCount()));
  Append(out, graph.Offsets());
  Append(out, graph.Arcs());
  Append(out, graph.Coords());
  AppendU32(out, Crc32(out));
  return out;
}

Result<WalkGraph> DecodeWalkGraph(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < kHeaderBytes + 2 * sizeof(std::uint32_t) ||
      std::string_view(reinterpret_cast<const char*>(bytes.data()), kMagic.size()) != kMagic) {
    return InvalidArgument("not a stored walking graph (no SHQWALK1 header)");
  }
  if (bytes.size() > 0xFFFFFFFFu) return InvalidArgument("stored walking graph too large");
  std::size_t at = kMagic.size();
  const auto header = Take<std::uint32_t>(bytes, at, 2);
  const std::uint64_t nodes = header[0];
  const std::uint64_t arcs = header[1];
  const std::uint64_t expected = kHeaderBytes + (nodes + 1) * sizeof(std::uint32_t) +
                                 arcs * sizeof(Arc) + nodes * sizeof(Coord) + sizeof(std::uint32_t);
  if (bytes.size() != expected) {
    return InvalidArgument("stored walking graph is cut short or has trailing bytes");
  }
  std::uint32_t stored_crc = 0;
  std::memcpy(&stored_crc, bytes.data() + bytes.size() - sizeof(std::uint32_t), sizeof(stored_crc));
  if (stored_crc != Crc32(bytes.first(bytes.size() - sizeof(std::uint32_t)))) {
    return InvalidArgument("stored walking graph fails its checksum");
  }
  auto offsets = Take<std::uint32_t>(bytes, at, nodes + 1);
  auto arc_list = Take<Arc>(bytes, at, arcs);
  auto coords = Take<Coord>(bytes, at, nodes);
  return WalkGraph::FromArrays(std::move(offsets), std::move(arc_list), std::move(coords));
}

}  // namespace shequ::planning
