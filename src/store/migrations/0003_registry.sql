-- The registry (src/registry): buildings, households, residents, who lived where and when, and
-- the tags services count. community_id sits on every row and the composite foreign keys tie it
-- to the parent's, so a household cannot hang from another community's building, nor a residency
-- join a resident and a household of two communities. Nothing is deleted: households are closed,
-- residencies get a moved_out_on date. Dates are TEXT 'YYYY-MM-DD' (they compare as strings).

CREATE TABLE buildings (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  grid_id BIGINT,
  number TEXT NOT NULL CHECK (number <> ''),  -- 楼号 as residents say it: '3号楼', '12'
  address TEXT NOT NULL,
  latitude DOUBLE PRECISION CHECK (latitude IS NULL OR (latitude >= -90 AND latitude <= 90)),
  longitude DOUBLE PRECISION CHECK (longitude IS NULL OR (longitude >= -180 AND longitude <= 180)),
  footprint TEXT,  -- a GeoJSON Polygon, WGS 84
  floors INTEGER CHECK (floors IS NULL OR (floors >= 1 AND floors <= 200)),
  has_elevator INTEGER NOT NULL DEFAULT 0 CHECK (has_elevator IN (0, 1)),
  year_built INTEGER CHECK (year_built IS NULL OR (year_built >= 1000 AND year_built <= 2200)),
  units INTEGER NOT NULL DEFAULT 1 CHECK (units >= 1 AND units <= 100),  -- 单元
  osm_id BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK ((latitude IS NULL) = (longitude IS NULL)),
  UNIQUE (community_id, number),
  UNIQUE (id, community_id),
  FOREIGN KEY (grid_id, community_id) REFERENCES grids (id, community_id)
);
CREATE INDEX buildings_grid ON buildings (grid_id);

-- A dwelling (户). floor_area_dm2 is the floor area in 0.01 m² (1 dm²), an integer so that sums
-- are exact.
CREATE TABLE households (
  id {{ID}},
  community_id BIGINT NOT NULL,
  building_id BIGINT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',  -- 单元: '' when the building has one
  floor INTEGER NOT NULL CHECK (floor >= -5 AND floor <= 200),
  room TEXT NOT NULL CHECK (room <> ''),
  floor_area_dm2 BIGINT CHECK (floor_area_dm2 IS NULL OR floor_area_dm2 > 0),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT,
  UNIQUE (building_id, unit, room),
  UNIQUE (id, community_id),
  FOREIGN KEY (building_id, community_id) REFERENCES buildings (id, community_id)
);

-- A person. The ID and phone numbers are stored only encrypted (secretbox: nonce || ciphertext)
-- with a keyed BLAKE2b blind index for exact lookup; the index is unique per community, so one
-- person is entered once.
CREATE TABLE residents (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  name TEXT NOT NULL CHECK (name <> ''),
  sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date TEXT NOT NULL CHECK (length(birth_date) = 10),
  id_number_cipher {{BLOB}},
  id_number_index {{BLOB}},
  phone_cipher {{BLOB}},
  phone_index {{BLOB}},
  residence_status TEXT NOT NULL
      CHECK (residence_status IN ('registered', 'living_here', 'both')),  -- 户籍 / 常住 / both
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK ((id_number_cipher IS NULL) = (id_number_index IS NULL)),
  CHECK ((phone_cipher IS NULL) = (phone_index IS NULL)),
  CONSTRAINT residents_one_per_id_number UNIQUE (community_id, id_number_index),
  UNIQUE (id, community_id)
);
CREATE INDEX residents_community_name ON residents (community_id, name);
CREATE INDEX residents_community_phone ON residents (community_id, phone_index);

-- Who lived in which household, and when. Moving out sets moved_out_on; a resident has at most one
-- open residency (the partial unique index).
CREATE TABLE residencies (
  id {{ID}},
  community_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL,
  household_id BIGINT NOT NULL,
  relation_to_head TEXT NOT NULL CHECK (relation_to_head IN
      ('head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling',
       'child_in_law', 'other')),
  moved_in_on TEXT NOT NULL CHECK (length(moved_in_on) = 10),
  moved_out_on TEXT CHECK (moved_out_on IS NULL OR length(moved_out_on) = 10),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (moved_out_on IS NULL OR moved_out_on >= moved_in_on),
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id),
  FOREIGN KEY (household_id, community_id) REFERENCES households (id, community_id)
);
CREATE UNIQUE INDEX residencies_one_open ON residencies (resident_id) WHERE moved_out_on IS NULL;
CREATE INDEX residencies_household ON residencies (household_id, moved_out_on);

-- What services count: 独居, 残疾 (with its level 1-4, GB/T 26341-2010), 低保, 特困, 党员, 退役军人,
-- 孕妇, 空巢, 留守儿童.
CREATE TABLE resident_tags (
  id {{ID}},
  community_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL,
  tag TEXT NOT NULL CHECK (tag IN ('living_alone', 'disabled', 'low_income', 'extreme_poverty',
                                   'party_member', 'veteran', 'pregnant', 'empty_nest',
                                   'left_behind_child')),
  disability_level INTEGER CHECK (disability_level IS NULL OR
                                  (disability_level >= 1 AND disability_level <= 4)),
  created_at BIGINT NOT NULL,
  CHECK (tag = 'disabled' OR disability_level IS NULL),
  UNIQUE (resident_id, tag),
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id)
);
CREATE INDEX resident_tags_community ON resident_tags (community_id, tag);
