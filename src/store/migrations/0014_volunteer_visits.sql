-- A volunteer's visit to an elder (探访): who, to whom, on which day, for how long, and the
-- time-bank entry that credited the minutes to the volunteer's account (src/eldercare/workforce).
-- The visit and its credit are written in one transaction; the credit's once_key is
-- 'volunteer_visit:<id>', so a visit is credited once. The elder lives in the visit's community.
-- Dates are Asia/Shanghai 'YYYY-MM-DD' text; instants BIGINT microseconds UTC.

CREATE TABLE volunteer_visits (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  elder_resident_id BIGINT NOT NULL,
  visit_date TEXT NOT NULL CHECK (length(visit_date) = 10),
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 480),
  note TEXT NOT NULL DEFAULT '',
  entry_id BIGINT REFERENCES timebank_entries (id),  -- set in the same transaction as the row
  recorded_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  FOREIGN KEY (elder_resident_id, community_id) REFERENCES residents (id, community_id)
);
CREATE INDEX volunteer_visits_volunteer ON volunteer_visits (volunteer_id, visit_date);
CREATE INDEX volunteer_visits_elder ON volunteer_visits (elder_resident_id, visit_date);
