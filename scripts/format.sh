#!/usr/bin/env bash
# `format.sh check` fails when a C++ source is not clang-formatted; `format.sh fix` formats them.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -co --exclude-standard -- 'src/*.h' 'src/*.cc' 'tests/*.h' 'tests/*.cc' 'bench/*.cc')
((${#files[@]})) || exit 0
if [[ "${1:-check}" == fix ]]; then
  clang-format-19 -i "${files[@]}"
else
  clang-format-19 --dry-run -Werror "${files[@]}"
  echo "format: ${#files[@]} files clean"
fi
