// The built web UI (web/dist) served from one directory, for GET and HEAD outside /api/.
//
// Content types come from the extension. Hashed files under /assets/ are cached by browsers for a
// year (immutable); everything else, index.html first, is revalidated on each load (no-cache)
// against an ETag (304). A path without an extension that names no file gets index.html, so the
// UI's history-mode routes work on reload; a missing file with an extension is a 404 JSON error.
// Paths stay inside the root: "..", encoded dots, backslashes, hidden files and symlinks leading
// out of the root all answer 404. Small files are kept in memory and re-read when their size or
// modification time changes. Serve() is thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

#include "api/http_types.h"
#include "base/error.h"

namespace shequ::api {

struct StaticFilesOptions {
  std::size_t max_cached_file_bytes = 1 << 20;  // larger files are read on each request
  std::size_t max_cache_bytes = 64 << 20;       // the cache stops growing past this
};

class StaticFiles {
 public:
  // kNotFound when `root` is not a directory.
  static Result<StaticFiles> Open(const std::filesystem::path& root,
                                  StaticFilesOptions options = {});

  StaticFiles(StaticFiles&&) noexcept;
  StaticFiles& operator=(StaticFiles&&) noexcept;
  ~StaticFiles();

  // The response for a GET or HEAD of `request.path` (the server drops the body for HEAD).
  Response Serve(const Request& request) const;

  // "text/javascript; charset=utf-8" for "app.mjs"; application/octet-stream when unknown.
  static std::string_view ContentTypeOf(std::string_view file_name);

 private:
  struct State;
  explicit StaticFiles(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace shequ::api
