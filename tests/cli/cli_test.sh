#!/usr/bin/env bash
# The `shequ` command as an operator uses it: init, migrate, user add, and its refusals.
# Usage: cli_test.sh /path/to/shequ    (registered with CTest; prints "N passed, M failed")
set -uo pipefail
shequ=${1:?usage: cli_test.sh /path/to/shequ}
# The demo street is laid on the Monaco extract beside the repository (../shared/data).
osm="$(cd "$(dirname "$0")/../.." && pwd)/../shared/data/monaco-2016.osm.pbf"
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

check "init --demo refuses a missing OpenStreetMap extract" 1 \
  "$shequ" init --demo --db "sqlite:$tmp/none/shequ.db" --key-file "$tmp/none/shequ.key" \
  --demo-osm "$tmp/no-such.osm.pbf"
expect_text "and names the option" "--demo-osm"
if [[ ! -e "$tmp/none/shequ.db" ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL a refused init --demo left a database behind"
fi
check "init --demo refuses a scale out of range" 1 \
  "$shequ" init --demo --db "sqlite:$tmp/scale0/shequ.db" --key-file "$tmp/scale0/shequ.key" \
  --demo-osm "$osm" --demo-scale 0
expect_text "naming it" "--demo-scale"

check "init --demo creates the folder, database and key" 0 \
  "$shequ" init --demo --db "$db" --key-file "$tmp/var/shequ.key" --demo-password "cli-Passw0rd!" \
  --demo-osm "$osm"
expect_text "init lists the demo logins" "admin, street, worker, grid, resident"
expect_text "init reports progress per community" "Monaco-Ville:"

# The street as stored: a community per ward, each of complete-community size, with buildings
# on the map and grids.
sql() { sqlite3 "$tmp/var/shequ.db" "$1"; }
expect_sql() {  # expect_sql NAME SQL EXPECTED: the query prints EXPECTED
  local got
  got=$(sql "$2" 2>&1)
  if [[ "$got" == "$3" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $1: got '$got', expected '$3'"
  fi
}
expect_sql "at least 8 communities (Monaco's wards)" \
  "SELECT COUNT(*) >= 8 FROM communities" 1
expect_sql "every community houses 5,000-12,000 residents" \
  "SELECT COUNT(*) FROM communities c WHERE (SELECT COUNT(*) FROM residents r
     WHERE r.community_id = c.id) NOT BETWEEN 5000 AND 12000" 0
expect_sql "every resident lives in a household" \
  "SELECT COUNT(*) FROM residents r WHERE NOT EXISTS (SELECT 1 FROM residencies rs
     WHERE rs.resident_id = r.id AND rs.moved_out_on IS NULL)" 0
expect_sql "every community has buildings with footprints, all in a grid" \
  "SELECT COUNT(*) FROM communities c WHERE NOT EXISTS (SELECT 1 FROM buildings b
     WHERE b.community_id = c.id AND b.footprint LIKE '{\"type\":\"Polygon\"%'
     AND b.latitude IS NOT NULL AND b.osm_id IS NOT NULL)" 0
expect_sql "no building outside a grid" "SELECT COUNT(*) FROM buildings WHERE grid_id IS NULL" 0
expect_sql "2-3 grids per community" \
  "SELECT COUNT(*) FROM (SELECT community_id, COUNT(*) n FROM grids GROUP BY community_id)
     WHERE n NOT BETWEEN 2 AND 3" 0
expect_sql "ID and phone numbers stored encrypted only" \
  "SELECT COUNT(*) FROM residents WHERE id_number_cipher IS NULL OR length(id_number_index) <> 32" 0
expect_sql "the demo worker works in the first community by name" \
  "SELECT c.name FROM users u JOIN communities c ON c.id = u.community_id
     WHERE u.login = 'worker'" \
  "$(sql "SELECT name FROM communities ORDER BY name LIMIT 1")"

# --demo-scale: the same street with fewer people, and the same seed gives the same people.
for run in a b; do
  check "init --demo --demo-scale 0.02 ($run)" 0 \
    "$shequ" init --demo --db "sqlite:$tmp/small-$run.db" --key-file "$tmp/small.key" \
    --demo-osm "$osm" --demo-scale 0.02 --demo-password "cli-Passw0rd!"
done
small_digest() {
  sqlite3 "$tmp/small-$1.db" "SELECT r.name, r.sex, r.birth_date, rs.relation_to_head, h.room
    FROM residents r JOIN residencies rs ON rs.resident_id = r.id
    JOIN households h ON h.id = rs.household_id ORDER BY r.id" | md5sum
}
if [[ "$(small_digest a)" == "$(small_digest b)" ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL two demo streets from the same seed differ"
fi
small_sizes=$(sqlite3 "$tmp/small-a.db" "SELECT COUNT(*) FROM communities c WHERE (SELECT COUNT(*)
  FROM residents r WHERE r.community_id = c.id) NOT BETWEEN 100 AND 240")
if [[ "$small_sizes" == 0 ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL with --demo-scale 0.02, $small_sizes communities hold other than 100-240 residents"
fi
if [[ $(stat -c %a "$tmp/var/shequ.key") == 600 && $(wc -c <"$tmp/var/shequ.key") -eq 65 ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL key file: mode $(stat -c %a "$tmp/var/shequ.key"), $(wc -c <"$tmp/var/shequ.key") bytes"
fi
key_before=$(cat "$tmp/var/shequ.key")

check "a second init --demo refuses to fill a non-empty database" 1 \
  "$shequ" init --demo --db "$db" --key-file "$tmp/var/shequ.key" --demo-osm "$osm"
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

# Planning: the OSM import and the assessment, on the small demo street laid on the same extract.
small="sqlite:$tmp/small-a.db"
check "import osm on the demo street" 0 "$shequ" import osm "$osm" --db "$small"
expect_text "import reports the walking network" "walking network: 23948 nodes"
expect_text "import reports the facilities" "facilities:"
check "the resident login is linked to a household" 0 \
  sqlite3 "$tmp/small-a.db" "SELECT COUNT(*) FROM resident_accounts ra JOIN users u ON u.id = ra.user_id WHERE u.login = 'resident'"
[[ $out == 1* ]] || { echo "FAIL the resident login has no household link: $out"; failed=$((failed + 1)); }
check "every demo community has its ward as boundary" 0 \
  sqlite3 "$tmp/small-a.db" "SELECT COUNT(*) FROM communities WHERE boundary LIKE '{\"coordinates\":%'"
[[ $out == 9* ]] || { echo "FAIL communities with a boundary: $out"; failed=$((failed + 1)); }
head -c 20000 "$osm" >"$tmp/cut.osm.pbf"
check "a truncated extract is refused" 1 "$shequ" import osm "$tmp/cut.osm.pbf" --db "$small"
expect_text "saying the previous import stays" "previous import, if any, is unchanged"
check "assess writes the report" 0 "$shequ" assess --db "$small" --out "$tmp/assessment.json"
check "assess a community as GeoJSON" 0 \
  "$shequ" assess --db "$small" --community 1 --format geojson --out "$tmp/assessment.geojson"
check "the report has every community, item and building" 0 python3 - "$tmp/assessment.json" "$tmp/assessment.geojson" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
layers = json.load(open(sys.argv[2]))
assert report["source"]["file"] == "monaco-2016.osm.pbf", report["source"]
assert len(report["communities"]) == 9, len(report["communities"])
for community in report["communities"]:
    assert community["residents_source"] == "registry", community
    assert 100 <= community["residents"] <= 240, community["residents"]
    assert len(community["items"]) >= 20
    for item in community["items"]:
        if item["share"] is not None:
            assert 0 <= item["share"] <= 1 and item["residents_covered"] <= community["residents"]
# Monaco has supermarkets: some residents of the street walk to one within 500 m.
covered = sum(i["residents_covered"] for c in report["communities"] for i in c["items"]
              if i["facility_type"] == "supermarket")
assert covered > 0, "no one near a supermarket"
assert report["gaps"] and report["gaps"][0]["message_zh"], report["gaps"][:1]
kinds = {f["properties"]["layer"] for f in layers["features"]}
assert kinds == {"buildings", "facilities"}, kinds
print("ok", len(report["buildings"]), "buildings")
PY
check "assess writes the printable report" 0 \
  "$shequ" assess --db "$small" --format html --title "示范街道" --out "$tmp/assessment.html"
check "the report has a map per community, every building and every name" 0 \
  python3 - "$tmp/assessment.json" "$tmp/assessment.html" <<'PY'
import html, json, sys
report = json.load(open(sys.argv[1]))
page = open(sys.argv[2], encoding="utf-8").read()
assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
assert "<script" not in page
assert page.count("<svg") == len(report["communities"]) == 9, page.count("<svg")
for community in report["communities"]:
    name = html.escape(community["name"], quote=False).replace('"', "&quot;").replace("'", "&#39;")
    assert name in page, community["name"]
ids = {c["id"] for c in report["communities"]}
in_communities = sum(1 for b in report["buildings"] if b["community_id"] in ids)
assert page.count("<circle") == in_communities, (page.count("<circle"), in_communities)
assert page.count('<tr class="gap">') == len(report["gaps"])
assert "示范街道" in page and "monaco-2016.osm.pbf" in page
# Every demo community has its ward outline on record, so no map says it has none.
assert "无社区边界数据" not in page
print("ok", len(page) // 1024, "KiB")
PY
check "assess --format html --lang en" 0 "$shequ" assess --db "$small" --format html --lang en
expect_text "in English" "Checklist items"
check "assess refuses --format pdf" 2 "$shequ" assess --db "$small" --format pdf
expect_text "naming the formats it makes" "json, geojson or html"
check "assess refuses --lang fr" 2 "$shequ" assess --db "$small" --format html --lang fr
expect_text "naming the languages" "zh or en"
check "assess refuses a database with no import" 1 "$shequ" assess --db "sqlite:$tmp/var/shequ.db"
expect_text "and says what to run" "shequ import osm"

echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
