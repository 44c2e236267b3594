-- The elder-care workforce and the volunteer registry (src/eldercare/workforce).
-- care_workers are the caregivers (护理员) and elder-care medical staff (医生, 护士, 康复师) a
-- community schedules; user_id links the worker's own login (a caregiver's day view). Their
-- working hours are a weekly pattern in minutes after midnight, Asia/Shanghai; start_lat/start_lon
-- is where their day starts and ends (home or the service station).
-- A qualification is held while a certificate with that code is valid on the day (valid_from <=
-- day <= valid_to); dates are 'YYYY-MM-DD' text. Certificates are never deleted: a revoked one is
-- marked, so the history of who was qualified when stays.

CREATE TABLE care_workers (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  user_id BIGINT REFERENCES users (id),
  name TEXT NOT NULL CHECK (name <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('caregiver', 'doctor', 'nurse', 'therapist', 'social_worker')),
  skills TEXT NOT NULL DEFAULT '',  -- comma-separated service skill codes: 'bathing,cleaning'
  work_weekdays INTEGER NOT NULL CHECK (work_weekdays BETWEEN 0 AND 127),  -- Monday = 1 ... Sunday = 64
  work_start_min INTEGER NOT NULL CHECK (work_start_min BETWEEN 0 AND 1439),
  work_end_min INTEGER NOT NULL CHECK (work_end_min BETWEEN 1 AND 1440),
  start_lat DOUBLE PRECISION NOT NULL,
  start_lon DOUBLE PRECISION NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT care_workers_hours CHECK (work_end_min > work_start_min),
  CONSTRAINT care_workers_one_per_user UNIQUE (user_id),
  UNIQUE (id, community_id)
);
CREATE INDEX care_workers_community ON care_workers (community_id, active);

CREATE TABLE care_worker_certificates (
  id {{ID}},
  worker_id BIGINT NOT NULL REFERENCES care_workers (id),
  qualification TEXT NOT NULL CHECK (qualification <> ''),  -- code from the qualification table
  number TEXT NOT NULL DEFAULT '',
  issuer TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL CHECK (length(valid_from) = 10),
  valid_to TEXT NOT NULL CHECK (length(valid_to) = 10),
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  created_at BIGINT NOT NULL,
  CONSTRAINT care_worker_certificates_dates CHECK (valid_to >= valid_from)
);
CREATE INDEX care_worker_certificates_worker ON care_worker_certificates (worker_id);
CREATE INDEX care_worker_certificates_expiry ON care_worker_certificates (valid_to);

CREATE TABLE care_worker_training (
  id {{ID}},
  worker_id BIGINT NOT NULL REFERENCES care_workers (id),
  course TEXT NOT NULL CHECK (course <> ''),
  training_date TEXT NOT NULL CHECK (length(training_date) = 10),
  hours_tenths INTEGER NOT NULL CHECK (hours_tenths > 0 AND hours_tenths <= 2400),  -- 1.5 h = 15
  created_at BIGINT NOT NULL
);
CREATE INDEX care_worker_training_worker ON care_worker_training (worker_id, training_date);

-- Volunteers are residents (their hours go to the resident's time-bank account).
CREATE TABLE volunteers (
  id {{ID}},
  community_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL,
  skills TEXT NOT NULL DEFAULT '',          -- comma-separated: 'companionship,escort,repairs'
  availability_weekdays INTEGER NOT NULL CHECK (availability_weekdays BETWEEN 0 AND 127),
  availability_note TEXT NOT NULL DEFAULT '',  -- '周二、周四上午'
  background_check_date TEXT CHECK (background_check_date IS NULL OR length(background_check_date) = 10),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT volunteers_one_per_resident UNIQUE (resident_id),
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id)
);
CREATE INDEX volunteers_community ON volunteers (community_id, active);
