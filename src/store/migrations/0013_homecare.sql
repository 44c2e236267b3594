-- Home care (居家养老服务, src/eldercare/homecare), care plans for disabled elders and the elder
-- file's emergency contacts.
-- The catalogue: each service has a duration, a price and, for eligible elders, subsidised
-- minutes a month; required_qualification names the certificate a worker must hold on the day
-- (empty: none) and skill the skill code the worker must list.
-- An order asks for a service for one elder at a time window on a day; a visit is one scheduled
-- delivery of it to one worker. Check-in and check-out record the time and the place (lat/lon
-- from the caregiver's phone) and the service flags a late start or a missed visit.
-- Dates are Asia/Shanghai 'YYYY-MM-DD' text; times of day are minutes after midnight; instants
-- are BIGINT microseconds UTC.

CREATE TABLE homecare_services (
  id {{ID}},
  code TEXT NOT NULL CHECK (code <> ''),
  name_zh TEXT NOT NULL CHECK (name_zh <> ''),
  name_en TEXT NOT NULL CHECK (name_en <> ''),
  duration_min INTEGER NOT NULL CHECK (duration_min > 0 AND duration_min <= 480),
  price_fen BIGINT NOT NULL CHECK (price_fen >= 0),
  skill TEXT NOT NULL DEFAULT '',
  required_qualification TEXT NOT NULL DEFAULT '',
  subsidised_minutes_per_month INTEGER NOT NULL DEFAULT 0 CHECK (subsidised_minutes_per_month >= 0),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  CONSTRAINT homecare_services_code UNIQUE (code)
);

-- The default catalogue (a local example, not a national list; admins edit it through the API).
-- Qualification codes are the workforce's (eldercare/workforce/data/qualifications.tsv).
INSERT INTO homecare_services
  (code, name_zh, name_en, duration_min, price_fen, skill, required_qualification,
   subsidised_minutes_per_month, active)
VALUES
  ('cleaning', '助洁（居室清洁）', 'Home cleaning', 60, 5000, 'cleaning', '', 120, 1),
  ('bathing', '助浴', 'Bathing', 60, 8000, 'bathing', 'caregiver_cert', 120, 1),
  ('personal_care', '生活照料', 'Personal care', 60, 6000, 'personal_care', 'caregiver_cert', 240, 1),
  ('meal_delivery', '助餐送餐', 'Meal delivery', 20, 500, 'meal_delivery', '', 0, 1),
  ('escort_hospital', '陪同就医', 'Escort to hospital', 120, 10000, 'escort', '', 120, 1),
  ('medical_visit', '上门巡诊', 'Medical home visit', 30, 6000, 'medical', 'medical_license', 60, 1),
  ('rehabilitation', '康复护理', 'Rehabilitation', 45, 9000, 'rehabilitation', 'rehab_cert', 90, 1),
  ('companionship', '精神慰藉（陪伴聊天）', 'Companionship', 60, 3000, 'companionship', '', 120, 1);

CREATE TABLE homecare_orders (
  id {{ID}},
  community_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL,
  service_id BIGINT NOT NULL REFERENCES homecare_services (id),
  service_date TEXT NOT NULL CHECK (length(service_date) = 10),
  window_start_min INTEGER NOT NULL CHECK (window_start_min BETWEEN 0 AND 1439),
  window_end_min INTEGER NOT NULL CHECK (window_end_min BETWEEN 1 AND 1440),
  status TEXT NOT NULL CHECK (status IN ('requested', 'scheduled', 'done', 'missed', 'cancelled')),
  note TEXT NOT NULL DEFAULT '',
  price_fen BIGINT NOT NULL CHECK (price_fen >= 0),
  subsidy_fen BIGINT NOT NULL CHECK (subsidy_fen >= 0 AND subsidy_fen <= price_fen),
  -- The minutes of the elder's monthly subsidised allowance (per service) this order uses.
  subsidised_min INTEGER NOT NULL DEFAULT 0 CHECK (subsidised_min >= 0),
  ordered_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT homecare_orders_window CHECK (window_end_min > window_start_min),
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id),
  UNIQUE (id, community_id)
);
CREATE INDEX homecare_orders_day ON homecare_orders (community_id, service_date);
CREATE INDEX homecare_orders_resident ON homecare_orders (resident_id, service_date);

CREATE TABLE homecare_visits (
  id {{ID}},
  community_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  worker_id BIGINT NOT NULL,
  service_date TEXT NOT NULL CHECK (length(service_date) = 10),
  planned_start_min INTEGER NOT NULL CHECK (planned_start_min BETWEEN 0 AND 1439),
  planned_end_min INTEGER NOT NULL CHECK (planned_end_min BETWEEN 1 AND 1440),
  travel_min_before INTEGER NOT NULL DEFAULT 0 CHECK (travel_min_before >= 0),
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'missed', 'cancelled')),
  check_in_at BIGINT,
  check_in_lat DOUBLE PRECISION,
  check_in_lon DOUBLE PRECISION,
  check_out_at BIGINT,
  check_out_lat DOUBLE PRECISION,
  check_out_lon DOUBLE PRECISION,
  late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  away_from_home INTEGER NOT NULL DEFAULT 0 CHECK (away_from_home IN (0, 1)),
  caregiver_note TEXT NOT NULL DEFAULT '',
  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  rating_comment TEXT NOT NULL DEFAULT '',
  rated_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT homecare_visits_times CHECK (planned_end_min > planned_start_min),
  FOREIGN KEY (order_id, community_id) REFERENCES homecare_orders (id, community_id),
  FOREIGN KEY (worker_id, community_id) REFERENCES care_workers (id, community_id)
);
CREATE INDEX homecare_visits_worker_day ON homecare_visits (worker_id, service_date);
CREATE INDEX homecare_visits_order ON homecare_visits (order_id);
CREATE INDEX homecare_visits_day ON homecare_visits (community_id, service_date);

-- Care plans for disabled elders: the services and visits a month the elder's ability grade
-- calls for (from the rule table eldercare/elder_file/data/care_plan_rules.tsv when the plan is
-- drawn up, then edited by the worker), tracked against the visits delivered.
CREATE TABLE care_plans (
  id {{ID}},
  community_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL,
  assessment_id BIGINT REFERENCES ability_assessments (id),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 4),
  starts_on TEXT NOT NULL CHECK (length(starts_on) = 10),
  ends_on TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id),
  UNIQUE (id, community_id)
);
CREATE INDEX care_plans_resident ON care_plans (resident_id, starts_on);

CREATE TABLE care_plan_items (
  plan_id BIGINT NOT NULL REFERENCES care_plans (id),
  service_code TEXT NOT NULL,
  visits_per_month INTEGER NOT NULL CHECK (visits_per_month > 0 AND visits_per_month <= 62),
  PRIMARY KEY (plan_id, service_code)
);

-- Who to call. The phone number is personal data: encrypted at rest like residents' phones,
-- masked in responses, every unmasked read audited.
CREATE TABLE elder_emergency_contacts (
  id {{ID}},
  community_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL,
  name TEXT NOT NULL CHECK (name <> ''),
  relation TEXT NOT NULL DEFAULT '',
  phone_cipher {{BLOB}} NOT NULL,
  phone_masked TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 9),
  created_at BIGINT NOT NULL,
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id)
);
CREATE INDEX elder_emergency_contacts_resident ON elder_emergency_contacts (resident_id);
