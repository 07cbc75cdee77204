-- Medication (薬剤情報) as FHIR R4 MedicationStatement (issue 6, ADR 0035). Same shape and conventions as
-- phr_observation (V30): resource = the FHIR R4 JSON as served; the columns are what searches, consent and the
-- individual's page need. A MedicationStatement is not an Observation, so it has its own table.
-- data_category is always MEDICATION: the consent join (PhrRecords.CONSENT_JOIN) matches it like observations'.
-- tenant_id = the tenant that wrote it (provenance); reads are decided by membership + consent, not by it.
create table phr_medication_statement (
    person_id          uuid         not null references phr_person (id) on delete cascade,
    id                 uuid         not null,
    tenant_id          uuid         not null references plat_tenant (id),
    version_id         integer      not null default 1,
    data_category      varchar(16)  not null default 'MEDICATION' check (data_category = 'MEDICATION'),
    status             varchar(20)  not null,
    medication_system  varchar(100) not null, -- YJ コード or HOT9 (JP Core code systems)
    medication_code    varchar(40)  not null,
    medication_display varchar(200),
    effective_start    timestamptz  not null,
    identifier_key     varchar(300), -- system|value of the first identifier: conditional create (If-None-Exist)
    resource           jsonb        not null,
    last_updated       timestamptz  not null default now(),
    primary key (person_id, id)
);
create unique index phr_medication_statement_id_uk on phr_medication_statement (id);
-- A person's medication timeline, newest first.
create index phr_medication_statement_timeline_ix on phr_medication_statement (person_id, effective_start desc);
-- Re-sent statements: one row per writer and identifier.
create unique index phr_medication_statement_identifier_uk on phr_medication_statement (tenant_id, identifier_key)
    where identifier_key is not null;
