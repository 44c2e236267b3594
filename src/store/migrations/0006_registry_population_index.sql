-- The population structure of a community or a street reads the residents living there now: an
-- index on the open residencies by community, so that it costs the community's residents rather
-- than a scan of every open residency (bench/registry: a community of 12,000 among 1,000,000).
CREATE INDEX residencies_community_open ON residencies (community_id) WHERE moved_out_on IS NULL;
