-- An access log people can read (issue 17 item 6, ADR 0042).
-- request_id: one page view or one FHIR request writes one id, so its lines (one per basis and resource type) show as
-- one entry. items: what was read, in words: {"names": [item names], "count": n, "from": date, "to": date}.
-- Rows written before keep nulls and show one entry each.
alter table phr_access_log add column request_id uuid;
alter table phr_access_log add column items jsonb;
-- The person's log, filtered by holder, newest first.
create index phr_access_log_person_tenant_ix on phr_access_log (person_id, accessor_tenant_id, occurred_at desc);
