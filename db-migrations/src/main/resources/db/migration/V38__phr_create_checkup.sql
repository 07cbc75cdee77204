-- 特定健診 as insurers receive them (issue 11, ADR 0040).

-- 枝番 (被保険者証等枝番, urn:oid:1.2.392.200119.6.211): since 2021 each insured person and each dependent has one,
-- and family members share 記号・番号. A person is 保険者番号 + 記号 + 番号 + 枝番; older files carry no 枝番.
alter table phr_membership add column branch_number varchar(2);
drop index phr_membership_insured_uk;
create unique index phr_membership_insured_uk on phr_membership
    (tenant_id, coalesce(insurer_number, ''), coalesce(insured_symbol, ''), insured_number, coalesce(branch_number, ''))
    where insured_number is not null;
create index phr_membership_card_ix on phr_membership (tenant_id, insured_number);

-- The 保険者番号 an insurer tenant receives files for: a file naming another number is refused. Not unique across
-- tenants: a tenant only ever imports into its own memberships, so a wrongly registered number leaks nothing.
create table phr_insurer_number (
    tenant_id      uuid       not null references plat_tenant (id),
    insurer_number varchar(8) not null,
    primary key (tenant_id, insurer_number)
);

-- One upload (an archive, an XML file or a CSV) and what happened to it, file by file (lines = the report).
create table phr_checkup_upload (
    tenant_id     uuid         not null references plat_tenant (id),
    id            uuid         not null,
    file_name     varchar(255) not null,
    uploaded_by   varchar(100) not null,
    uploaded_by_name varchar(200),
    uploaded_at   timestamptz  not null,
    files         integer      not null,
    imported      integer      not null,
    corrected     integer      not null,
    deleted       integer      not null,
    rejected      integer      not null,
    review        integer      not null,
    observations  integer      not null,
    lines         jsonb        not null,
    primary key (tenant_id, id)
);
create index phr_checkup_upload_recent_ix on phr_checkup_upload (tenant_id, uploaded_at desc, id);

-- One checkup result (one person, 健診実施日, 健診実施機関) in every version received. A correction supersedes
-- the current version (kept, with its observations in phr_checkup_observation_history); 報告区分 19 deletes it.
create table phr_checkup (
    tenant_id          uuid         not null references plat_tenant (id),
    id                 uuid         not null,
    person_id          uuid         not null references phr_person (id) on delete cascade,
    checkup_date       date         not null,
    institution_number varchar(10)  not null, -- '' when the file names none
    institution_name   varchar(200),
    program_type       varchar(3),            -- 健診プログラム種別 (urn:oid:1.2.392.200119.6.1002)
    report_category    varchar(2)   not null, -- 報告区分 (urn:oid:1.2.392.200119.6.1001)
    version            integer      not null,
    status             varchar(12)  not null check (status in ('CURRENT', 'SUPERSEDED', 'DELETED')),
    metabolic          varchar(2),            -- 9N501 メタボリックシンドローム判定 (urn:oid:1.2.392.200119.6.1008)
    guidance_level     varchar(2),            -- 9N506 保健指導レベル (urn:oid:1.2.392.200119.6.3001)
    review             jsonb        not null default '[]', -- items flagged 要確認: [{code, name, value, reason}]
    reviewed_at        timestamptz,
    reviewed_by        varchar(200),
    source_document_id uuid,
    upload_id          uuid,
    received_at        timestamptz  not null,
    superseded_at      timestamptz,
    primary key (tenant_id, id)
);
create unique index phr_checkup_current_uk on phr_checkup (tenant_id, person_id, checkup_date, institution_number)
    where status = 'CURRENT';
create index phr_checkup_person_ix on phr_checkup (person_id, checkup_date desc);
create index phr_checkup_guidance_ix on phr_checkup (tenant_id, checkup_date) where status = 'CURRENT';

alter table phr_observation add column checkup_id uuid;
create index phr_observation_checkup_ix on phr_observation (checkup_id) where checkup_id is not null;

-- The observations of a superseded or deleted checkup version, as they were served.
create table phr_checkup_observation_history (
    checkup_id    uuid        not null,
    person_id     uuid        not null references phr_person (id) on delete cascade,
    id            uuid        not null,
    code          varchar(40) not null,
    resource      jsonb       not null,
    moved_at      timestamptz not null,
    primary key (checkup_id, id)
);
create index phr_checkup_observation_history_person_ix on phr_checkup_observation_history (person_id);

-- "Imported before?" per received file (the same bytes are not stored twice).
create index phr_source_document_sha_ix on phr_source_document (tenant_id, sha256);
