-- Residents' own accounts (居民账号): a user of role resident linked to one resident of the
-- registry, so that the account reads that resident's household and nothing else. One account per
-- resident and one resident per account. community_id ties the link to the resident's community
-- through the composite foreign key, like every registry row.

CREATE TABLE resident_accounts (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  community_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT resident_accounts_one_per_user UNIQUE (user_id),
  CONSTRAINT resident_accounts_one_per_resident UNIQUE (resident_id),
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id)
);
