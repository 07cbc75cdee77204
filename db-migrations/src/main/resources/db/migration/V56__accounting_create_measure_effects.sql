-- 投資最小化分析 and 投資効用分析 (issue 13, ADR 0105). The guideline's 図表4 names the two methods; their inputs are
-- our setting: a measure's own effect on one indicator among the persons it reached (before and after, in the
-- indicator's unit), the indicators that are utility values (効用値, 0–1), and the margin within which two effects
-- count as equivalent (per company and 年度).

-- A measure's effect on one indicator: one row per measure and indicator (the measure's 年度 is the comparison's).
create table acc_measure_effect (
    tenant_id     uuid          not null,
    id            uuid          not null,
    measure_id    uuid          not null,
    indicator_id  uuid          not null,
    fiscal_year   integer       not null check (fiscal_year between 1900 and 2999),
    before_value  numeric(18, 4) not null,
    after_value   numeric(18, 4) not null,
    persons       integer       not null check (persons between 1 and 1000000),
    period_years  numeric(4, 2) not null default 1 check (period_years > 0 and period_years <= 10),
    source        varchar(500),
    recorded_at   timestamptz   not null,
    version       bigint        not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, measure_id, indicator_id),
    foreign key (tenant_id, measure_id) references acc_measure (tenant_id, id) on delete cascade,
    foreign key (tenant_id, indicator_id) references acc_indicator (tenant_id, id) on delete cascade
);
create index acc_measure_effect_year on acc_measure_effect (tenant_id, fiscal_year);

-- An indicator whose values are utility values on a 0–1 scale (e.g. the EQ-5D index), with the instrument named.
create table acc_utility_scale (
    tenant_id     uuid          not null,
    indicator_id  uuid          not null,
    instrument    varchar(100)  not null,
    marked_at     timestamptz   not null,
    version       bigint        not null default 0,
    primary key (tenant_id, indicator_id),
    foreign key (tenant_id, indicator_id) references acc_indicator (tenant_id, id) on delete cascade
);

-- The equivalence margin of 投資最小化分析 for one company and 年度 (absent: the default of ADR 0105, 10 %).
create table acc_equivalence_margin (
    tenant_id      uuid         not null references plat_tenant (id),
    id             uuid         not null,
    fiscal_year    integer      not null check (fiscal_year between 1900 and 2999),
    margin_percent numeric(5, 2) not null check (margin_percent >= 0 and margin_percent <= 50),
    version        bigint       not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, fiscal_year)
);

-- Row-level security: these tables have a tenant_id, so V91 secures them on a new database (V56 runs before V91, where
-- hip_tenant() is defined) and the after-migrate callback (DatabaseRoles.secureTenantTables, ADR 0090) on a database
-- already past V91; RowLevelSecurityTests checks both.
