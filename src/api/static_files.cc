#include "api/static_files.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/error_response.h"

namespace shequ::api {
namespace {

namespace fs = std::filesystem;

struct ContentType {
  std::string_view extension;
  std::string_view type;
};

constexpr ContentType kContentTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},  // MapLibre's worker is an .mjs module
    {"css", "text/css; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"geojson", "application/geo+json"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"avif", "image/avif"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"ttf", "font/ttf"},
    {"otf", "font/otf"},
    {"wasm", "application/wasm"},
    {"txt", "text/plain; charset=utf-8"},
    {"xml", "application/xml"},
    {"pdf", "application/pdf"},
    {"csv", "text/csv; charset=utf-8"},
    {"pbf", "application/x-protobuf"},
};

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

struct FileEntry {
  std::string content;
  std::string etag;
  std::uintmax_t size = 0;
  fs::file_time_type modified;
};

std::string_view ExtensionOf(std::string_view file_name) {
  const std::size_t slash = file_name.rfind('/');
  const std::string_view base =
      slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  const std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return base.substr(dot + 1);
}

Response NoSuchFile() { return Response::Error(HttpError{404, "not_found", "no such file", {}}); }

// True when an If-None-Match list names `etag` (or is "*"); weak comparison (RFC 9110 13.1.2).
bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  const auto strip_weak = [](std::string_view tag) {
    return tag.starts_with("W/") ? tag.substr(2) : tag;
  };
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    std::string_view candidate = if_none_match.substr(0, comma);
    while (!candidate.empty() && candidate.front() == ' ') candidate.remove_prefix(1);
    while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
    if (candidate == "*" || strip_weak(candidate) == strip_weak(etag)) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

// The path below the root that `raw_path` names ("" for the root), or nullopt when it must not
// be served: a bad escape, "..", a hidden segment, a backslash or a NUL.
std::optional<std::string> RelativePath(std::string_view raw_path) {
  std::optional<std::string> decoded = PercentDecode(raw_path, /*plus_as_space=*/false);
  if (!decoded || decoded->empty() || decoded->front() != '/') return std::nullopt;
  std::string relative;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment.front() == '.') return std::nullopt;  // "..", ".git", ".env"
    if (segment.find_first_of(std::string_view("\\\0:", 3)) != std::string_view::npos) {
      return std::nullopt;
    }
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  return relative;
}

}  // namespace

struct StaticFiles::State {
  fs::path root;            // canonical
  std::string root_prefix;  // root + '/', for the containment check
  StaticFilesOptions options;

  mutable std::mutex mutex;  // guards the cache
  mutable std::unordered_map<std::string, std::shared_ptr<const FileEntry>> cache;
  mutable std::size_t cached_bytes = 0;

  // The file at `relative`, read or from the cache; nullptr when it is not a regular file inside
  // the root.
  std::shared_ptr<const FileEntry> Load(const std::string& relative) const {
    std::error_code error;
    const fs::path full = root / relative;
    const fs::path resolved = fs::canonical(full, error);  // resolves every symlink
    if (error || !resolved.native().starts_with(root_prefix)) return nullptr;
    if (!fs::is_regular_file(resolved, error) || error) return nullptr;
    const std::uintmax_t size = fs::file_size(resolved, error);
    if (error) return nullptr;
    const fs::file_time_type modified = fs::last_write_time(resolved, error);
    if (error) return nullptr;
    {
      std::lock_guard lock(mutex);
      auto it = cache.find(relative);
      if (it != cache.end() && it->second->size == size && it->second->modified == modified) {
        return it->second;
      }
    }
    std::ifstream in(resolved, std::ios::binary);
    if (!in) return nullptr;
    auto entry = std::make_shared<FileEntry>();
    entry->content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    entry->size = size;
    entry->modified = modified;
    entry->etag = fmt::format("\"{:x}-{:x}\"", size,
                              static_cast<std::uint64_t>(modified.time_since_epoch().count()));
    if (entry->content.size() <= options.max_cached_file_bytes) {
      std::lock_guard lock(mutex);
      auto [it, inserted] = cache.try_emplace(relative, nullptr);
      if (!inserted) cached_bytes -= it->second->content.size();
      if (cached_bytes + entry->content.size() <= options.max_cache_bytes) {
        it->second = entry;
        cached_bytes += entry->content.size();
      } else {
        cache.erase(it);
      }
    }
    return entry;
  }
};

StaticFiles::StaticFiles(std::unique_ptr<State> state) : state_(std::move(state)) {}
StaticFiles::StaticFiles(StaticFiles&&) noexcept = default;
StaticFiles& StaticFiles::operator=(StaticFiles&&) noexcept = default;
StaticFiles::~StaticFiles() = default;

Result<StaticFiles> StaticFiles::Open(const std::filesystem::path& root,
                                      StaticFilesOptions options) {
  std::error_code error;
  fs::path canonical = fs::canonical(root, error);
  if (error || !fs::is_directory(canonical, error)) {
    return NotFound(fmt::format("web root {} is not a directory", root.string()));
  }
  auto state = std::make_unique<State>();
  state->root_prefix = canonical.native();
  if (!state->root_prefix.ends_with('/')) state->root_prefix += '/';
  state->root = std::move(canonical);
  state->options = options;
  return StaticFiles(std::move(state));
}

std::string_view StaticFiles::ContentTypeOf(std::string_view file_name) {
  const std::string_view extension = ExtensionOf(file_name);
  for (const ContentType& entry : kContentTypes) {
    if (EqualsIgnoreCase(entry.extension, extension)) return entry.type;
  }
  return "application/octet-stream";
}

Response StaticFiles::Serve(const Request& request) const {
  std::optional<std::string> relative = RelativePath(request.path);
  if (!relative) return NoSuchFile();

  std::string_view cache_control = kRevalidate;
  std::shared_ptr<const FileEntry> file;
  if (!relative->empty()) file = state_->Load(*relative);
  if (file) {
    if (relative->starts_with("assets/")) cache_control = kImmutable;
  } else {
    // A missing file with an extension is missing; anything else is a route of the UI.
    if (!ExtensionOf(*relative).empty()) return NoSuchFile();
    *relative = "index.html";
    file = state_->Load(*relative);
    if (!file) return NoSuchFile();
  }

  Response response;
  response.headers.Set("Cache-Control", std::string(cache_control));
  response.headers.Set("ETag", file->etag);
  if (const auto if_none_match = request.Header("If-None-Match");
      if_none_match && EtagMatches(*if_none_match, file->etag)) {
    response.status = 304;
    return response;
  }
  response.status = 200;
  response.content_type = std::string(ContentTypeOf(*relative));
  response.body = file->content;
  return response;
}

}  // namespace shequ::api
