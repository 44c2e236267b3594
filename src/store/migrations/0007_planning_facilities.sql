-- Facilities registered in shequ itself (src/planning/store/registered_facilities.h): the
-- canteens, childcare institutions, stations and other places a worker knows of, which the
-- planning assessment counts beside the OpenStreetMap ones and in place of OSM's record of the
-- same place (docs/planning-facilities.md, "Facilities registered in shequ"). Nothing is deleted:
-- closing a facility sets closed_on and the row stays as history. Dates are TEXT 'YYYY-MM-DD'.

CREATE TABLE planning_facilities (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  -- a type of the facility mapping table (src/planning/data/facility_mapping.tsv); the service
  -- checks it against the table, which is data and may change without a migration
  facility_type TEXT NOT NULL CONSTRAINT planning_facilities_type_given CHECK (facility_type <> ''),
  name TEXT NOT NULL CONSTRAINT planning_facilities_name_given CHECK (name <> ''),
  address TEXT NOT NULL DEFAULT '',
  latitude DOUBLE PRECISION NOT NULL
      CONSTRAINT planning_facilities_latitude_range CHECK (latitude >= -90 AND latitude <= 90),
  longitude DOUBLE PRECISION NOT NULL
      CONSTRAINT planning_facilities_longitude_range CHECK (longitude >= -180 AND longitude <= 180),
  -- the OpenStreetMap object this record stands for, when the worker names one
  osm_type TEXT CONSTRAINT planning_facilities_osm_type_known
      CHECK (osm_type IS NULL OR osm_type IN ('node', 'way', 'relation')),
  osm_id BIGINT CONSTRAINT planning_facilities_osm_id_positive CHECK (osm_id IS NULL OR osm_id > 0),
  capacity INTEGER CONSTRAINT planning_facilities_capacity_range
      CHECK (capacity IS NULL OR (capacity >= 0 AND capacity <= 1000000)),
  opened_on TEXT CONSTRAINT planning_facilities_opened_on_date
      CHECK (opened_on IS NULL OR length(opened_on) = 10),
  closed_on TEXT CONSTRAINT planning_facilities_closed_on_date
      CHECK (closed_on IS NULL OR length(closed_on) = 10),
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,  -- the login of the worker who registered it
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT planning_facilities_osm_ref_whole CHECK ((osm_type IS NULL) = (osm_id IS NULL)),
  CONSTRAINT planning_facilities_closed_after_opened
      CHECK (opened_on IS NULL OR closed_on IS NULL OR closed_on >= opened_on)
);
-- One open record per OSM object: two would both claim to replace it.
CREATE UNIQUE INDEX planning_facilities_open_osm_ref ON planning_facilities (osm_type, osm_id)
    WHERE closed_on IS NULL AND osm_type IS NOT NULL;
CREATE INDEX planning_facilities_community ON planning_facilities (community_id, facility_type);
