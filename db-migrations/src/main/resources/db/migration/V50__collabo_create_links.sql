-- コラボヘルス: the link between a company (事業主) and an insurer (保険者), product.md §6, issue 12, ADR 0050.
-- A link belongs to two tenants, so it is not scoped by Hibernate's @TenantId: every query of domain-collabo names
-- the acting tenant as one of the two sides (company_tenant_id or insurer_tenant_id), and both are indexed first.
create table collabo_link (
    id                uuid        primary key,
    company_tenant_id uuid        not null references plat_tenant (id),
    insurer_tenant_id uuid        not null references plat_tenant (id),
    proposed_by       varchar(8)  not null check (proposed_by in ('COMPANY', 'INSURER')),
    status            varchar(12) not null check (status in ('PROPOSED', 'ACTIVE', 'ENDED')),
    proposed_at       timestamptz not null,
    accepted_at       timestamptz,
    ended_at          timestamptz,
    ended_by          varchar(8)  check (ended_by in ('COMPANY', 'INSURER')),
    version           integer     not null default 1
);
create index collabo_link_company_ix on collabo_link (company_tenant_id, status);
create index collabo_link_insurer_ix on collabo_link (insurer_tenant_id, status);
-- At most one open (proposed or active) link per pair.
create unique index collabo_link_open_uk on collabo_link (company_tenant_id, insurer_tenant_id) where status <> 'ENDED';

-- The company's 事業所 that belong to a link (named by the company), and the 事業主 group each one is reported in
-- (set by the insurer: several 事業所 of one employer may be grouped so that the group reaches 50 persons,
-- ref-accounting.md §3.4 「事業主マスタ」). By default every 事業所 is in one group named after the company.
create table collabo_link_establishment (
    link_id              uuid         not null references collabo_link (id),
    establishment_number varchar(20)  not null,
    establishment_name   varchar(100),
    employer_group       varchar(100) not null,
    primary key (link_id, establishment_number)
);
