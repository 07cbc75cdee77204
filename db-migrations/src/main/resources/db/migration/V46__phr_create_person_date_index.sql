-- FHIR Observation search by person without a code (issue 10, ADR 0045): Observation?subject=[&date=], the default
-- order (newest first, then id) and Patient/$everything pages read the person's rows in order from this index and
-- stop at the page. phr_observation_timeline_ix puts data_category between person and time, so it could not give
-- that order: the planner read and sorted the whole history (EXPLAIN at 10,000 rows: 59-75 ms, now 0.7 ms).
create index phr_observation_person_date_ix on phr_observation (person_id, effective_start desc, id);
