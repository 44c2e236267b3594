-- The administrative places every record hangs from: a street (街道) has communities (社区), a
-- community has grids (网格). Kept minimal here; the registry adds its columns in later migrations.
-- The UNIQUE (id, parent_id) pairs let other tables declare composite foreign keys, so a row that
-- names a grid and a community cannot name a grid of another community.

CREATE TABLE streets (
  id {{ID}},
  name TEXT NOT NULL UNIQUE CHECK (name <> ''),
  created_at BIGINT NOT NULL
);

CREATE TABLE communities (
  id {{ID}},
  street_id BIGINT NOT NULL REFERENCES streets (id),
  name TEXT NOT NULL CHECK (name <> ''),
  created_at BIGINT NOT NULL,
  UNIQUE (street_id, name),
  UNIQUE (id, street_id)
);

CREATE TABLE grids (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  name TEXT NOT NULL CHECK (name <> ''),
  created_at BIGINT NOT NULL,
  UNIQUE (community_id, name),
  UNIQUE (id, community_id)
);
