-- Guideline registry (ヘルスケアサービスガイドライン等のあり方): associations, guidelines and their versions,
-- declarations (宣言書) with checklist answers, review comments and the append-only status history.
-- Tenant-owned tables lead with tenant_id (conventions.md, Database). Rule documents and checklist items are
-- reference data of the registry operator, not owned by any association.

create table gl_association (
    tenant_id        uuid         not null references plat_tenant (id),
    id               uuid         not null primary key,
    corporate_number varchar(13)  not null check (corporate_number ~ '^[0-9]{13}$'),
    name             varchar(200) not null,
    kind             varchar(32)  not null
        check (kind in ('INDUSTRY_ASSOCIATION', 'CONSORTIUM', 'COMPANY', 'OTHER')),
    representative_name varchar(100),
    website_url      varchar(500),
    contact_email    varchar(254),
    version          bigint       not null default 0,
    constraint gl_association_tenant_uk unique (tenant_id)
);

create sequence gl_registration_no_seq start with 1;

create table gl_guideline (
    tenant_id          uuid         not null references plat_tenant (id),
    id                 uuid         not null primary key,
    registration_no    varchar(16)  not null unique,
    kind               varchar(32)  not null check (kind in ('GUIDELINE', 'CERTIFICATION_SCHEME')),
    service_category   varchar(32)  not null,
    title              varchar(300) not null,
    target_businesses  varchar(500),
    public_url         varchar(500),
    created_at         timestamptz  not null,
    version            bigint       not null default 0
);
create index gl_guideline_tenant_ix on gl_guideline (tenant_id, registration_no);

create table gl_guideline_version (
    tenant_id     uuid         not null references plat_tenant (id),
    id            uuid         not null primary key,
    guideline_id  uuid         not null references gl_guideline (id),
    label         varchar(50)  not null,
    dated_on      date         not null,
    document_url  varchar(500),
    created_at    timestamptz  not null,
    constraint gl_guideline_version_label_uk unique (guideline_id, label)
);
create index gl_guideline_version_tenant_ix on gl_guideline_version (tenant_id, guideline_id);

-- 本指針 itself, versioned: each declaration pins the edition it was made against.
create table gl_rule_document (
    edition      varchar(8)   not null primary key,
    title        varchar(200) not null,
    revised_on   date         not null,
    effective_on date         not null
);

create table gl_checklist_item (
    id                 uuid         not null primary key,
    edition            varchar(8)   not null references gl_rule_document (edition),
    viewpoint          varchar(16)  not null check (viewpoint in ('TRANSPARENCY', 'OBJECTIVITY', 'CONTINUITY')),
    code               varchar(8)   not null,
    text               varchar(500) not null,
    requires_evidence  boolean      not null default true,
    position           integer      not null,
    version            bigint       not null default 0,
    constraint gl_checklist_item_code_uk unique (edition, code)
);

create table gl_declaration (
    tenant_id          uuid         not null references plat_tenant (id),
    id                 uuid         not null primary key,
    guideline_id       uuid         not null references gl_guideline (id),
    guideline_version_id uuid       not null references gl_guideline_version (id),
    generation         integer      not null check (generation >= 1),
    form_type          varchar(32)  not null check (form_type in ('FORM_1_ASSOCIATION', 'FORM_2_NO_ASSOCIATION')),
    edition            varchar(8)   not null references gl_rule_document (edition),
    signatory_name     varchar(100),
    signatory_title    varchar(100),
    pledged            boolean      not null default false,
    status             varchar(16)  not null
        check (status in ('DRAFT', 'SUBMITTED', 'LISTED', 'NOT_ACCEPTED', 'EXPIRED', 'SUPERSEDED', 'WITHDRAWN',
                          'DELISTED', 'SUSPENDED')),
    status_reason      varchar(1000),
    status_changed_at  timestamptz  not null,
    declared_on        date,
    submitted_at       timestamptz,
    listed_on          date,
    valid_from         date,
    valid_until        date,
    -- What the public sees, fixed when the declaration is submitted (the public list reads one table).
    registration_no    varchar(16)  not null,
    association_name   varchar(200) not null,
    title              varchar(300) not null,
    kind               varchar(32)  not null,
    service_category   varchar(32)  not null,
    version_label      varchar(50)  not null,
    version_dated_on   date         not null,
    public_url         varchar(500),
    created_at         timestamptz  not null,
    version            bigint       not null default 0,
    constraint gl_declaration_generation_uk unique (guideline_id, generation)
);
create index gl_declaration_tenant_ix on gl_declaration (tenant_id, guideline_id);
create index gl_declaration_status_ix on gl_declaration (status, valid_until);
create index gl_declaration_public_ix on gl_declaration (registration_no, generation desc);
-- A second open declaration for the same guideline would race the first: the database refuses it.
create unique index gl_declaration_one_open_uk on gl_declaration (guideline_id) where status in ('DRAFT', 'SUBMITTED');

create table gl_checklist_answer (
    declaration_id uuid         not null references gl_declaration (id) on delete cascade,
    item_id        uuid         not null references gl_checklist_item (id),
    answer         varchar(8)   check (answer in ('YES', 'NO', 'NA')),
    evidence_url   varchar(500),
    primary key (declaration_id, item_id)
);

create table gl_review_comment (
    tenant_id      uuid          not null references plat_tenant (id),
    id             uuid          not null primary key,
    declaration_id uuid          not null references gl_declaration (id),
    author_id      varchar(100)  not null,
    author_name    varchar(200),
    author_party   varchar(16)   not null check (author_party in ('ASSOCIATION', 'REGISTRY', 'SYSTEM')),
    visibility     varchar(16)   not null check (visibility in ('INTERNAL', 'TO_APPLICANT')),
    body           varchar(4000) not null,
    created_at     timestamptz   not null
);
create index gl_review_comment_tenant_ix on gl_review_comment (tenant_id, declaration_id, created_at);

-- Every status change: who (and in which capacity), when, from what to what, and why. Append-only.
create table gl_status_transition (
    tenant_id      uuid          not null references plat_tenant (id),
    id             bigint generated always as identity primary key,
    declaration_id uuid          not null references gl_declaration (id),
    from_status    varchar(16),
    to_status      varchar(16)   not null,
    actor_id       varchar(100)  not null,
    actor_name     varchar(200),
    actor_party    varchar(16)   not null check (actor_party in ('ASSOCIATION', 'REGISTRY', 'SYSTEM')),
    occurred_at    timestamptz   not null,
    reason         varchar(1000)
);
create index gl_status_transition_tenant_ix on gl_status_transition (tenant_id, declaration_id, id);

create function gl_status_transition_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'gl_status_transition is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger gl_status_transition_no_update before update or delete on gl_status_transition
    for each row execute function gl_status_transition_append_only();
create trigger gl_status_transition_no_truncate before truncate on gl_status_transition
    for each statement execute function gl_status_transition_append_only();
