-- 年度確定 (ADR 0028): a closed 年度 is read-only; closing and reopening are audited. One row per closed year;
-- reopening deletes it. closed_version counts the closes, so a disclosure can name the closed version it shows.
create table acc_year_close (
    tenant_id      uuid         not null references plat_tenant (id),
    id             uuid         not null,
    fiscal_year    integer      not null check (fiscal_year between 1900 and 2999),
    closed_at      timestamptz  not null,
    closed_by      varchar(200) not null,
    closed_version integer      not null check (closed_version >= 1),
    primary key (tenant_id, id),
    unique (tenant_id, fiscal_year)
);

-- how many times each year was closed (kept when a year is reopened)
create table acc_year_close_count (
    tenant_id   uuid    not null references plat_tenant (id),
    fiscal_year integer not null,
    closes      integer not null default 0,
    primary key (tenant_id, fiscal_year)
);
