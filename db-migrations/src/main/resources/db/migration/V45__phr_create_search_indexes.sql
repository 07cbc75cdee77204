-- FHIR Observation search by person and code (issue 10, ADR 0045): Observation?subject=&code=&_count= reads the
-- person's rows of the code newest first from this index and stops at the page, instead of walking the person's
-- whole timeline (phr_observation_timeline_ix) and filtering the code, which slowed as the history grew.
create index phr_observation_person_code_ix on phr_observation (person_id, code, effective_start desc);
