-- The volunteers' time bank (时间银行, src/eldercare/timebank): a double-entry ledger in integer
-- minutes. Every entry has two or more lines summing to zero (checked by the service before it
-- writes, and again by the trial balance). Each community has one issuance account, the only one
-- allowed below zero: its negative balance is the hours the community owes its volunteers.
-- balance_minutes caches the sum of an account's lines; it is updated in the same transaction as
-- the lines, by a conditional UPDATE that is also the overdraft check, so two concurrent redeems
-- cannot both pass. Nothing is updated or deleted in the ledger: a mistake is a correction entry.

CREATE TABLE timebank_accounts (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  kind TEXT NOT NULL CHECK (kind IN ('issuance', 'person')),
  resident_id BIGINT,
  balance_minutes BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  CONSTRAINT timebank_accounts_owner CHECK ((kind = 'issuance') = (resident_id IS NULL)),
  CONSTRAINT timebank_accounts_no_overdraft CHECK (kind = 'issuance' OR balance_minutes >= 0),
  CONSTRAINT timebank_accounts_one_per_resident UNIQUE (resident_id),
  UNIQUE (id, community_id),
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id)
);
CREATE UNIQUE INDEX timebank_accounts_one_issuance ON timebank_accounts (community_id)
  WHERE kind = 'issuance';

CREATE TABLE timebank_entries (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  kind TEXT NOT NULL
    CHECK (kind IN ('credit_activity', 'credit_visit', 'redeem', 'transfer', 'correction')),
  reference TEXT NOT NULL DEFAULT '',  -- what it pays for: 'activity:12', 'visit:7'
  note TEXT NOT NULL DEFAULT '',
  posted_by BIGINT REFERENCES users (id),  -- null: the system
  posted_at BIGINT NOT NULL,
  -- Set for credits that must post once ('attendance:12:345'); a second post is refused.
  once_key TEXT,
  CONSTRAINT timebank_entries_once UNIQUE (once_key)
);
CREATE INDEX timebank_entries_community ON timebank_entries (community_id, posted_at);

CREATE TABLE timebank_lines (
  id {{ID}},
  entry_id BIGINT NOT NULL REFERENCES timebank_entries (id),
  account_id BIGINT NOT NULL REFERENCES timebank_accounts (id),
  minutes BIGINT NOT NULL CHECK (minutes <> 0)
);
CREATE INDEX timebank_lines_account ON timebank_lines (account_id, entry_id);
CREATE INDEX timebank_lines_entry ON timebank_lines (entry_id);

-- The local rules on transfers between family members: data with an effective date, the row with
-- the latest effective_from on or before the day of the transfer applies. A change is a new row.
CREATE TABLE timebank_rules (
  id {{ID}},
  effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
  transfers_allowed INTEGER NOT NULL CHECK (transfers_allowed IN (0, 1)),
  max_transfer_minutes BIGINT NOT NULL CHECK (max_transfer_minutes > 0),
  max_transfer_minutes_per_year BIGINT NOT NULL CHECK (max_transfer_minutes_per_year > 0),
  source TEXT NOT NULL,
  CONSTRAINT timebank_rules_one_per_day UNIQUE (effective_from)
);
INSERT INTO timebank_rules
  (effective_from, transfers_allowed, max_transfer_minutes, max_transfer_minutes_per_year, source)
VALUES ('2020-01-01', 1, 1200, 6000,
        '[memory] typical local time-bank rules: transfers to close family only, capped; verify');

-- Activities volunteers sign up for; attending one credits credit_minutes once.
CREATE TABLE timebank_activities (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  title TEXT NOT NULL CHECK (title <> ''),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  credit_minutes BIGINT NOT NULL CHECK (credit_minutes > 0 AND credit_minutes <= 1440),
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  CONSTRAINT timebank_activities_ends_after_start CHECK (ends_at > starts_at),
  UNIQUE (id, community_id)
);
CREATE INDEX timebank_activities_community ON timebank_activities (community_id, starts_at);

-- Who signed up and who came. entry_id is the credit posted for the attendance.
CREATE TABLE timebank_signups (
  activity_id BIGINT NOT NULL,
  community_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL,
  signed_up_at BIGINT NOT NULL,
  attended INTEGER CHECK (attended IS NULL OR attended IN (0, 1)),
  attendance_at BIGINT,
  entry_id BIGINT REFERENCES timebank_entries (id),
  PRIMARY KEY (activity_id, resident_id),
  FOREIGN KEY (activity_id, community_id) REFERENCES timebank_activities (id, community_id),
  FOREIGN KEY (resident_id, community_id) REFERENCES residents (id, community_id)
);
