-- The planning engine's data (src/planning): what the latest OpenStreetMap import read — the
-- walking network (one encoded graph, planning/graph_codec.h), buildings, residential land,
-- admin boundaries and facilities — and each community's boundary. An import is written in one
-- transaction that also removes the one before it, so readers always see one complete import and
-- a failed import leaves the previous one in place.

-- A community's boundary as a GeoJSON Polygon or MultiPolygon (WGS 84), when known: from OSM
-- admin boundaries, or drawn by a worker.
ALTER TABLE communities ADD COLUMN boundary TEXT;

CREATE TABLE osm_imports (
  id {{ID}},
  source_name TEXT NOT NULL CHECK (source_name <> ''),  -- the file name as given
  source_bytes BIGINT NOT NULL CHECK (source_bytes >= 0),
  source_sha256 TEXT NOT NULL CHECK (length(source_sha256) = 64),
  imported_at BIGINT NOT NULL,
  imported_by TEXT NOT NULL,  -- 'cli', or the login of the user who imported
  node_count BIGINT NOT NULL,
  edge_count BIGINT NOT NULL,
  graph {{BLOB}} NOT NULL,
  stats TEXT NOT NULL  -- JSON: ways read, pieces dropped, tags not in the mapping table, ...
);

-- Every building of the import, residential or not; footprint is a GeoJSON geometry.
CREATE TABLE osm_buildings (
  id {{ID}},
  import_id BIGINT NOT NULL REFERENCES osm_imports (id) ON DELETE CASCADE,
  osm_type TEXT NOT NULL CHECK (osm_type IN ('node', 'way', 'relation')),
  osm_id BIGINT NOT NULL,
  building TEXT NOT NULL,
  residential INTEGER NOT NULL CHECK (residential IN (0, 1)),
  levels INTEGER CHECK (levels IS NULL OR (levels >= 1 AND levels <= 200)),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  latitude DOUBLE PRECISION NOT NULL,
  longitude DOUBLE PRECISION NOT NULL,
  footprint_area_m2 DOUBLE PRECISION NOT NULL CHECK (footprint_area_m2 >= 0),
  footprint TEXT NOT NULL
);
CREATE INDEX osm_buildings_import ON osm_buildings (import_id, osm_type, osm_id);

-- Residential land use and admin boundaries; geometry is a GeoJSON geometry.
CREATE TABLE osm_areas (
  id {{ID}},
  import_id BIGINT NOT NULL REFERENCES osm_imports (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('residential_landuse', 'admin_boundary')),
  admin_level INTEGER,
  osm_type TEXT NOT NULL CHECK (osm_type IN ('node', 'way', 'relation')),
  osm_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  latitude DOUBLE PRECISION NOT NULL,  -- the centroid
  longitude DOUBLE PRECISION NOT NULL,
  area_m2 DOUBLE PRECISION NOT NULL CHECK (area_m2 >= 0),
  geometry TEXT NOT NULL,
  CHECK ((kind = 'admin_boundary') = (admin_level IS NOT NULL))
);
CREATE INDEX osm_areas_import ON osm_areas (import_id, kind);

-- Facilities found by the mapping table (docs/planning-facilities.md); one OSM object may give
-- several rows (a school: primary and middle).
CREATE TABLE osm_facilities (
  id {{ID}},
  import_id BIGINT NOT NULL REFERENCES osm_imports (id) ON DELETE CASCADE,
  osm_type TEXT NOT NULL CHECK (osm_type IN ('node', 'way', 'relation')),
  osm_id BIGINT NOT NULL,
  facility_type TEXT NOT NULL CHECK (facility_type <> ''),
  name TEXT NOT NULL,
  latitude DOUBLE PRECISION NOT NULL,
  longitude DOUBLE PRECISION NOT NULL
);
CREATE INDEX osm_facilities_import ON osm_facilities (import_id, facility_type);
