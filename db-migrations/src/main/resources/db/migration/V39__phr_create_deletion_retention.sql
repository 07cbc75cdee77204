-- Deletion that respects the law (issue 17 item 4, ADR 0041).

-- What stays after the person's deletion request: per holder, the statute it keeps the records under and until when
-- ([{tenantId, holder, statute, records, firstDate, lastDate, keptUntil}]). The person is told the same before and after.
alter table phr_tombstone add column retained jsonb not null default '[]';

-- A deleted person's insurance card (保険者番号・記号・番号・枝番), as a SHA-256 per holder tenant, so that a holder's later
-- import of the same card is recognised and reported (never silently re-linked) even where nothing of the person
-- was kept. The card itself is not kept: only its hash, and only for the holder that registered it.
create table phr_tombstone_card (
    tenant_id  uuid        not null references plat_tenant (id),
    card_hash  varchar(64) not null,
    person_id  uuid        not null,
    deleted_at timestamptz not null,
    primary key (tenant_id, card_hash)
);

-- A running export of the person's data: a deletion request is refused while one runs (bad input, issue 17).
-- A row older than the export time limit is stale (the exporting process died) and does not block.
create table phr_export_run (
    person_id  uuid primary key,
    started_at timestamptz  not null,
    started_by varchar(100) not null
);
