-- PHR store: persons, the tenants that hold their data, observations (FHIR R4 JSON plus search columns),
-- consents with every version kept, original source documents, the access log and deletion tombstones.
-- ref-phr.md §6 (design), §5.1 (consent pushed down into SQL).

-- A person (FHIR Patient). Not owned by one tenant: insurers, employers and the individual each reach the
-- person through their own link below. personal_tenant_id is the individual's own PERSONAL tenant, if any.
create table phr_person (
    id                 uuid primary key,
    family_name        varchar(100) not null,
    given_name         varchar(100) not null,
    family_name_kana   varchar(100),
    given_name_kana    varchar(100),
    birth_date         date,
    gender             varchar(8) not null default 'unknown' check (gender in ('male', 'female', 'other', 'unknown')),
    personal_tenant_id uuid references plat_tenant (id),
    version            integer not null default 1,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create unique index phr_person_personal_uk on phr_person (personal_tenant_id) where personal_tenant_id is not null;

-- 被保険者 membership (insurer) or employment (employer): which tenant holds this person's data.
create table phr_membership (
    tenant_id      uuid        not null references plat_tenant (id),
    person_id      uuid        not null references phr_person (id) on delete cascade,
    kind           varchar(16) not null check (kind in ('INSURED', 'EMPLOYEE')),
    insurer_number varchar(8),   -- 保険者番号 (urn:oid:1.2.392.200119.6.101)
    insured_symbol varchar(40),  -- 被保険者証記号
    insured_number varchar(40),  -- 被保険者証番号 (urn:oid:1.2.392.200119.6.205)
    since          date,
    primary key (tenant_id, person_id)
);
create unique index phr_membership_insured_uk on phr_membership (tenant_id, insured_symbol, insured_number)
    where insured_number is not null;
create index phr_membership_person_ix on phr_membership (person_id);

-- Original files (特定健診 CDA XML, CSV), kept byte for byte for export and re-mapping.
create table phr_source_document (
    tenant_id   uuid         not null references plat_tenant (id),
    id          uuid         not null,
    person_id   uuid         not null references phr_person (id) on delete cascade,
    file_name   varchar(255) not null,
    media_type  varchar(100) not null,
    sha256      varchar(64)  not null,
    content     bytea        not null,
    received_at timestamptz  not null default now(),
    primary key (tenant_id, id)
);
create index phr_source_document_person_ix on phr_source_document (person_id);

-- Observations. resource = the FHIR R4 JSON as served (without meta, which is built from the columns).
-- data_category is the consent category (CHECKUP, LIFELOG, MEDICATION).
-- tenant_id = the tenant that wrote it (provenance); reads are decided by membership + consent, not by it.
create table phr_observation (
    person_id       uuid         not null references phr_person (id) on delete cascade,
    id              uuid         not null,
    tenant_id       uuid         not null references plat_tenant (id),
    version_id      integer      not null default 1,
    data_category   varchar(16)  not null check (data_category in ('CHECKUP', 'LIFELOG', 'MEDICATION')),
    code_system     varchar(100) not null,
    code            varchar(40)  not null,
    identity_code   varchar(5),  -- 同一性項目コード: lab items aggregate by it
    loinc           varchar(20),
    category_jp     varchar(40)  not null,
    category_hl7    varchar(40)  not null,
    effective_start timestamptz  not null,
    value_num       numeric(14, 4),
    value_code      varchar(40),
    unit            varchar(40),
    identifier_key  varchar(300), -- system|value of the first identifier: conditional create (If-None-Exist)
    source_document_id uuid,
    resource        jsonb        not null,
    last_updated    timestamptz  not null default now(),
    primary key (person_id, id)
);
create unique index phr_observation_id_uk on phr_observation (id);
-- A person's timeline, newest first, per category.
create index phr_observation_timeline_ix on phr_observation (person_id, data_category, effective_start desc);
-- A code's time range across persons (aggregates, code searches).
create index phr_observation_code_ix on phr_observation (code, effective_start);
-- Re-sent device batches: one row per writer and identifier.
create unique index phr_observation_identifier_uk on phr_observation (tenant_id, identifier_key)
    where identifier_key is not null;

-- Consent (本人同意): every version is a row; the current one has superseded_at null.
create table phr_consent (
    id                  uuid        not null,
    version             integer     not null,
    person_id           uuid        not null references phr_person (id) on delete cascade,
    recipient_tenant_id uuid        not null references plat_tenant (id),
    data_category       varchar(16) not null check (data_category in ('CHECKUP', 'LIFELOG', 'MEDICATION')),
    decision            varchar(8)  not null check (decision in ('permit', 'deny')),
    status              varchar(16) not null check (status in ('active', 'inactive')),
    period_start        date        not null,
    period_end          date,
    recorded_at         timestamptz not null default now(),
    recorded_by         varchar(100) not null,
    superseded_at       timestamptz,
    primary key (id, version),
    check (period_end is null or period_end >= period_start)
);
-- The EXISTS that every read applies: current, active permits for a recipient, person and category.
create index phr_consent_enforce_ix on phr_consent (recipient_tenant_id, person_id, data_category)
    where superseded_at is null and status = 'active' and decision = 'permit';
create index phr_consent_person_ix on phr_consent (person_id, id, version desc);

-- Who read a person's data (3省2ガイドライン: access logs that identify what was read). Kept after deletion.
create table phr_access_log (
    id                 bigint generated always as identity primary key,
    person_id          uuid         not null, -- no foreign key: the log outlives the person's data
    occurred_at        timestamptz  not null default now(),
    accessor_tenant_id uuid,
    accessor_id        varchar(100) not null,
    accessor_name      varchar(200),
    channel            varchar(8)   not null check (channel in ('PAGE', 'API', 'EXPORT')),
    action             varchar(40)  not null,
    resource_ids       text,
    consent_refs       text
);
create index phr_access_log_person_ix on phr_access_log (person_id, occurred_at desc);

create function phr_access_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'phr_access_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger phr_access_log_no_update before update or delete on phr_access_log
    for each row execute function phr_access_log_append_only();

-- What remains after deletion on request: that it happened, when, by whom, and how much was removed.
create table phr_tombstone (
    person_id  uuid primary key,
    deleted_at timestamptz  not null default now(),
    deleted_by varchar(100) not null,
    removed    jsonb        not null
);
