-- The elderly canteen (老年食堂/助餐点): canteens, their menus, residents' orders at a subsidised
-- price, standing orders, diet notes, the subsidy rule table and the ledger of subsidy claimed.
-- An order keeps its own price lines: editing the rule table or a menu never rewrites the past.
-- Meal dates are Asia/Shanghai calendar dates as 'YYYY-MM-DD' text (sortable, one form on both
-- back ends); weekday sets are bit masks, Monday = 1, Tuesday = 2, ... Sunday = 64.

CREATE TABLE canteens (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  name TEXT NOT NULL CHECK (name <> ''),
  seats_per_meal INTEGER NOT NULL CHECK (seats_per_meal > 0),
  lunch_weekdays INTEGER NOT NULL CHECK (lunch_weekdays BETWEEN 0 AND 127),
  lunch_start_min INTEGER NOT NULL CHECK (lunch_start_min BETWEEN 0 AND 1439),
  lunch_end_min INTEGER NOT NULL CHECK (lunch_end_min BETWEEN 1 AND 1440),
  dinner_weekdays INTEGER NOT NULL CHECK (dinner_weekdays BETWEEN 0 AND 127),
  dinner_start_min INTEGER NOT NULL CHECK (dinner_start_min BETWEEN 0 AND 1439),
  dinner_end_min INTEGER NOT NULL CHECK (dinner_end_min BETWEEN 1 AND 1440),
  cutoff_min INTEGER NOT NULL CHECK (cutoff_min >= 0),
  delivery_fee_fen BIGINT NOT NULL CHECK (delivery_fee_fen >= 0),
  fixed_monthly_cost_fen BIGINT NOT NULL CHECK (fixed_monthly_cost_fen >= 0),
  created_at BIGINT NOT NULL,
  CONSTRAINT canteens_name_per_community UNIQUE (community_id, name),
  UNIQUE (id, community_id)
);

CREATE TABLE canteen_menus (
  id {{ID}},
  canteen_id BIGINT NOT NULL,
  community_id BIGINT NOT NULL,
  meal_date TEXT NOT NULL CHECK (length(meal_date) = 10),
  meal TEXT NOT NULL CHECK (meal IN ('lunch', 'dinner')),
  dishes TEXT NOT NULL,
  price_fen BIGINT NOT NULL CHECK (price_fen >= 0),
  cost_fen BIGINT NOT NULL CHECK (cost_fen >= 0),
  updated_at BIGINT NOT NULL,
  CONSTRAINT canteen_menus_one_per_meal UNIQUE (canteen_id, meal_date, meal),
  FOREIGN KEY (canteen_id, community_id) REFERENCES canteens (id, community_id)
);

-- Each row is one version of the whole rule table, as TSV (the shipped default or an upload);
-- the newest row is in force. Older versions stay, so a settlement can say what was applied.
CREATE TABLE canteen_subsidy_rules (
  id {{ID}},
  rules_tsv TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source <> ''),
  loaded_by TEXT NOT NULL,
  loaded_at BIGINT NOT NULL
);

CREATE TABLE canteen_standing_orders (
  id {{ID}},
  community_id BIGINT NOT NULL,
  canteen_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL REFERENCES residents (id),
  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
  meal TEXT NOT NULL CHECK (meal IN ('lunch', 'dinner')),
  mode TEXT NOT NULL CHECK (mode IN ('dine_in', 'pickup', 'delivery')),
  from_date TEXT NOT NULL CHECK (length(from_date) = 10),
  to_date TEXT CHECK (to_date IS NULL OR to_date >= from_date),
  paused INTEGER NOT NULL CHECK (paused IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  FOREIGN KEY (canteen_id, community_id) REFERENCES canteens (id, community_id)
);
CREATE INDEX canteen_standing_orders_canteen ON canteen_standing_orders (canteen_id);

CREATE TABLE canteen_orders (
  id {{ID}},
  community_id BIGINT NOT NULL,
  canteen_id BIGINT NOT NULL,
  resident_id BIGINT NOT NULL REFERENCES residents (id),
  meal_date TEXT NOT NULL CHECK (length(meal_date) = 10),
  meal TEXT NOT NULL CHECK (meal IN ('lunch', 'dinner')),
  mode TEXT NOT NULL CHECK (mode IN ('dine_in', 'pickup', 'delivery')),
  status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
  standard_fen BIGINT NOT NULL CHECK (standard_fen >= 0),
  subsidy_fen BIGINT NOT NULL CHECK (subsidy_fen >= 0 AND subsidy_fen <= standard_fen),
  delivery_fen BIGINT NOT NULL CHECK (delivery_fen >= 0),
  price_fen BIGINT NOT NULL,
  operator_subsidy_fen BIGINT NOT NULL CHECK (operator_subsidy_fen >= 0),
  cost_fen BIGINT NOT NULL CHECK (cost_fen >= 0),
  funding_line TEXT,
  tier TEXT,
  lines TEXT NOT NULL,
  standing_order_id BIGINT REFERENCES canteen_standing_orders (id),
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  CONSTRAINT canteen_orders_price_adds_up
    CHECK (price_fen = standard_fen - subsidy_fen + delivery_fen),
  CONSTRAINT canteen_orders_subsidy_has_line CHECK (subsidy_fen = 0 OR funding_line IS NOT NULL),
  FOREIGN KEY (canteen_id, community_id) REFERENCES canteens (id, community_id)
);
-- One live order per person, meal and day: a subsidy can never be claimed twice for one meal.
CREATE UNIQUE INDEX canteen_orders_one_per_meal ON canteen_orders (resident_id, meal_date, meal)
  WHERE status = 'active';
CREATE INDEX canteen_orders_canteen_day ON canteen_orders (canteen_id, meal_date, meal);

-- Subsidy claimed per funding line: one row per subsidised order, and a negative row when such an
-- order is cancelled. Append-only; settlement sums it and checks it against the orders.
CREATE TABLE canteen_subsidy_ledger (
  id {{ID}},
  community_id BIGINT NOT NULL,
  canteen_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL REFERENCES canteen_orders (id),
  resident_id BIGINT NOT NULL,
  funding_line TEXT NOT NULL,
  meal_date TEXT NOT NULL,
  subsidy_fen BIGINT NOT NULL,
  operator_subsidy_fen BIGINT NOT NULL,
  posted_at BIGINT NOT NULL,
  FOREIGN KEY (canteen_id, community_id) REFERENCES canteens (id, community_id)
);
CREATE INDEX canteen_subsidy_ledger_resident ON canteen_subsidy_ledger (resident_id, meal_date);
CREATE INDEX canteen_subsidy_ledger_canteen ON canteen_subsidy_ledger (canteen_id, meal_date);

CREATE TABLE canteen_diet_notes (
  resident_id BIGINT PRIMARY KEY REFERENCES residents (id),
  community_id BIGINT NOT NULL,
  diabetic INTEGER NOT NULL CHECK (diabetic IN (0, 1)),
  low_salt INTEGER NOT NULL CHECK (low_salt IN (0, 1)),
  soft_food INTEGER NOT NULL CHECK (soft_food IN (0, 1)),
  note TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
