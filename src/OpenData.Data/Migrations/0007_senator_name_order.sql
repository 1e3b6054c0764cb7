-- The order of the senators list (SenatorQueries.ByName: last name, first name, id, with the full name when a last
-- name is missing) read from an index: a page of senators no longer sorts all of them (about 2 ms for 2,000), which
-- every GraphQL query listing senators paid. Each import copies the serving tables' indexes.
CREATE INDEX senators_by_name ON opendata.senators ((coalesce(last_name, name)), (coalesce(first_name, '')), id);
