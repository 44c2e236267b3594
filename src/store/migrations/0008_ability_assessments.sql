-- Ability assessments of older people, GB/T 42195-2022《老年人能力评估规范》 (src/eldercare/assessment).
-- Append-only: nothing updates or deletes an assessment; a correction is a new assessment (reason
-- 'review' or 'immediate'), so the history an auditor reads is the history that happened.
-- community_id ties each row to the resident's community through the composite foreign key.
-- Dates are TEXT 'YYYY-MM-DD' (they compare as strings).

CREATE TABLE ability_assessments (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  resident_id BIGINT NOT NULL,
  assessed_on TEXT NOT NULL CHECK (length(assessed_on) = 10),
  -- 评估原因: 首次评估 first, 常规评估 regular, 即时评估 immediate, 因对评估结果有疑问进行的复评 review,
  -- 其他 other.
  reason TEXT NOT NULL CHECK (reason IN ('first', 'regular', 'immediate', 'review', 'other')),
  assessor_user_id BIGINT NOT NULL REFERENCES users (id),
  coma INTEGER NOT NULL CHECK (coma IN (0, 1)),
  dementia INTEGER NOT NULL CHECK (dementia IN (0, 1)),
  psychiatric INTEGER NOT NULL CHECK (psychiatric IN (0, 1)),
  risk_events_30d INTEGER NOT NULL CHECK (risk_events_30d >= 0 AND risk_events_30d <= 1000),
  total INTEGER NOT NULL CHECK (total >= 0 AND total <= 90),
  initial_grade INTEGER NOT NULL CHECK (initial_grade >= 0 AND initial_grade <= 4),
  grade INTEGER NOT NULL CHECK (grade >= 0 AND grade <= 4),
  adjustments TEXT NOT NULL DEFAULT '',  -- the adjustment codes applied, comma-separated
  next_due_on TEXT NOT NULL CHECK (length(next_due_on) = 10),
  created_at BIGINT NOT NULL,
  CONSTRAINT ability_assessments_grade_not_lowered CHECK (grade >= initial_grade),
  UNIQUE (id, community_id),
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id)
);
CREATE INDEX ability_assessments_resident ON ability_assessments (resident_id, assessed_on);
CREATE INDEX ability_assessments_due ON ability_assessments (community_id, next_due_on);

-- One row per item of 附录B (B.1.1 ... B.4.5); the item's own range is checked by the rules.
CREATE TABLE ability_assessment_items (
  assessment_id BIGINT NOT NULL REFERENCES ability_assessments (id),
  item_code TEXT NOT NULL CHECK (item_code LIKE 'B.%'),
  score INTEGER NOT NULL CHECK (score >= 0 AND score <= 4),
  PRIMARY KEY (assessment_id, item_code)
);

-- When the next assessment falls due, by final grade: a local rule, not the standard's. The rule
-- in force on an assessment's date is the row with the latest effective_from on or before it; a
-- change is a new row (a new migration or an INSERT by the operator), never an edit.
CREATE TABLE ability_reassessment_rules (
  id {{ID}},
  effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
  grade INTEGER NOT NULL CHECK (grade >= 0 AND grade <= 4),
  interval_months INTEGER NOT NULL CHECK (interval_months >= 1 AND interval_months <= 60),
  source TEXT NOT NULL,
  CONSTRAINT ability_reassessment_rules_one_per_day UNIQUE (effective_from, grade)
);
INSERT INTO ability_reassessment_rules (effective_from, grade, interval_months, source) VALUES
  ('2022-12-30', 0, 12, '[memory] common local practice: yearly; verify against the local rule'),
  ('2022-12-30', 1, 12, '[memory] common local practice: yearly; verify against the local rule'),
  ('2022-12-30', 2, 12, '[memory] common local practice: yearly; verify against the local rule'),
  ('2022-12-30', 3, 6, '[memory] common local practice: half-yearly for severe; verify'),
  ('2022-12-30', 4, 6, '[memory] common local practice: half-yearly for total loss; verify');
