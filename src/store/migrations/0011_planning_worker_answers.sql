-- The complete-community checklist items no map can answer (property management, governance:
-- the rows of src/planning/data/complete_community_checklist.tsv without a facility type): a
-- worker's answer per community and item, which the assessment shows and counts as the item's
-- pass or fail (src/planning/store/worker_answers.h). One current answer per community and item;
-- each change is in the audit log.

CREATE TABLE planning_worker_answers (
  id {{ID}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  item TEXT NOT NULL CONSTRAINT planning_worker_answers_item_given CHECK (item <> ''),
  answer TEXT NOT NULL CONSTRAINT planning_worker_answers_answer_known CHECK (answer IN ('yes', 'no')),
  note TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL,  -- the login of the worker
  answered_at BIGINT NOT NULL,
  CONSTRAINT planning_worker_answers_one_per_item UNIQUE (community_id, item)
);
