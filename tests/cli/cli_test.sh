#!/usr/bin/env bash
# The `shequ` command as an operator uses it: init, migrate, user add, and its refusals.
# Usage: cli_test.sh /path/to/shequ    (registered with CTest; prints "N passed, M failed")
set -uo pipefail
shequ=${1:?usage: cli_test.sh /path/to/shequ}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="sqlite:$tmp/var/shequ.db"
passed=0
failed=0

check() {  # check NAME EXPECTED_STATUS COMMAND... ; output in $out
  local name=$1 expected=$2
  shift 2
  out=$("$@" 2>&1)
  local status=$?
  if [[ $status -eq $expected ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $status, expected $expected"
    echo "$out" | sed 's/^/    /'
  fi
}
expect_text() {  # expect_text NAME TEXT: the last command's output contains TEXT
  if grep -qF -- "$2" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: output lacks '$2'"
    echo "$out" | sed 's/^/    /'
  fi
}

check "every subcommand has --help" 0 "$shequ" init --help
expect_text "init help names --demo-password" "--demo-password"
check "user add --help" 0 "$shequ" user add --help
expect_text "user add help names --scope" "--scope"

check "init --demo creates the folder, database and key" 0 \
  "$shequ" init --demo --db "$db" --key-file "$tmp/var/shequ.key" --demo-password "cli-Passw0rd!"
expect_text "init lists the demo logins" "admin, street, worker, grid, resident"
if [[ $(stat -c %a "$tmp/var/shequ.key") == 600 && $(wc -c <"$tmp/var/shequ.key") -eq 65 ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL key file: mode $(stat -c %a "$tmp/var/shequ.key"), $(wc -c <"$tmp/var/shequ.key") bytes"
fi
key_before=$(cat "$tmp/var/shequ.key")

check "a second init --demo refuses to fill a non-empty database" 1 \
  "$shequ" init --demo --db "$db" --key-file "$tmp/var/shequ.key"
expect_text "and says why" "empty database only"
if [[ $(cat "$tmp/var/shequ.key") == "$key_before" ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL init replaced an existing key file"
fi

check "migrate on an up-to-date database" 0 "$shequ" migrate --db "$db"
expect_text "migrate says it is up to date" "is up to date"

check "user add reads the password from stdin" 0 \
  bash -c "echo 'a-good-password' | '$shequ' user add --db '$db' --login zhangli --name 张丽 --role grid_worker --scope grid:1 --password-stdin"
expect_text "user add reports the new account" "Created user zhangli"
check "the same login again is refused" 1 \
  bash -c "echo 'a-good-password' | '$shequ' user add --db '$db' --login zhangli --role grid_worker --scope grid:1 --password-stdin"
check "an unknown role is a usage error" 2 \
  "$shequ" user add --db "$db" --login lisi --role mayor --scope grid:1 --password-stdin
expect_text "naming the role" "unknown role"
check "a scope that does not exist" 2 \
  bash -c "echo 'a-good-password' | '$shequ' user add --db '$db' --login lisi --role grid_worker --scope grid:99 --password-stdin"
expect_text "naming the scope" "no grid with id 99"
check "a bad database URL" 2 "$shequ" migrate --db "mysql://nowhere"
check "a config file with an unknown key" 2 \
  bash -c "printf 'threds = 4\n' > '$tmp/bad.conf' && '$shequ' migrate --config '$tmp/bad.conf' --db '$db'"
expect_text "naming the line" "line 1"

echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
