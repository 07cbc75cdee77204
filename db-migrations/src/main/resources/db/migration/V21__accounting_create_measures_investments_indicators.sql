-- 健康投資管理会計: company policy, own health issues, measures (施策), investment lines with their personnel
-- time or facility, allocations (按分), indicators (健康投資効果) and yearly values, facilities, health resources.
-- Every table is tenant-owned with tenant_id leading its primary key; references carry the tenant too, so a
-- row can never point at another company's row.

create table acc_policy (
    tenant_id                uuid    not null references plat_tenant (id),
    id                       uuid    not null,
    include_participant_time boolean not null default false,
    annual_labour_cost       bigint  not null default 0 check (annual_labour_cost >= 0),
    annual_working_days      integer not null default 240 check (annual_working_days between 1 and 366),
    employee_count           integer not null default 0 check (employee_count >= 0),
    version                  bigint  not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id)
);

create table acc_own_health_issue (
    tenant_id uuid         not null references plat_tenant (id),
    id        uuid         not null,
    name      varchar(200) not null,
    primary key (tenant_id, id)
);

create table acc_measure (
    tenant_id       uuid         not null references plat_tenant (id),
    id              uuid         not null,
    fiscal_year     integer      not null check (fiscal_year between 1900 and 2999),
    name            varchar(200) not null,
    description     varchar(2000),
    purpose         varchar(16)  not null check (purpose in ('ORGANISATION', 'LITERACY', 'HIGH_RISK', 'POPULATION')),
    standard_issues integer[]    not null default '{}',
    own_issues      uuid[]       not null default '{}',
    participants    integer      not null default 0 check (participants >= 0),
    created_at      timestamptz  not null default now(),
    version         bigint       not null default 0,
    primary key (tenant_id, id)
);
create index acc_measure_year_ix on acc_measure (tenant_id, fiscal_year);

create table acc_facility (
    tenant_id         uuid          not null references plat_tenant (id),
    id                uuid          not null,
    name              varchar(200)  not null,
    acquisition_cost  bigint        not null check (acquisition_cost >= 0),
    acquired_on       date          not null,
    useful_life_years integer       not null check (useful_life_years between 1 and 100),
    method            varchar(20)   not null check (method in ('STRAIGHT_LINE', 'DECLINING_BALANCE')),
    shared_use_ratio  numeric(7, 6) not null check (shared_use_ratio > 0 and shared_use_ratio <= 1),
    shared_use_basis  varchar(12)   not null check (shared_use_basis in ('FLOOR_AREA', 'HOURS', 'USERS')),
    note              varchar(1000),
    version           bigint        not null default 0,
    primary key (tenant_id, id)
);

create table acc_investment_line (
    tenant_id        uuid          not null,
    id               uuid          not null,
    measure_id       uuid          not null,
    fiscal_year      integer       not null,
    description      varchar(500)  not null,
    expense_type     varchar(16)   not null check (expense_type in ('OUTSOURCING', 'DEPRECIATION', 'PERSONNEL', 'OTHER')),
    resource_view    varchar(16)   not null check (resource_view in ('TIME', 'SPACE', 'OUTSOURCED', 'OTHER')),
    amount           bigint        not null check (amount >= 0),
    source_document  varchar(500),
    personnel_role   varchar(32)   check (personnel_role in ('OCCUPATIONAL_PHYSICIAN', 'NURSE', 'PROMOTION_STAFF', 'PARTICIPANT', 'EXECUTIVE')),
    hours_per_person numeric(10, 2),
    persons          integer,
    hourly_rate      bigint,
    rate_basis       varchar(16)   check (rate_basis in ('STANDARD_RATE', 'ACTUAL_PAYROLL', 'CONTRACT')),
    facility_id      uuid,
    allocation_mode  varchar(16)   not null default 'NONE' check (allocation_mode in ('NONE', 'RATIOS', 'PRIMARY_ONLY')),
    created_at       timestamptz   not null default now(),
    version          bigint        not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, measure_id) references acc_measure (tenant_id, id) on delete cascade,
    foreign key (tenant_id, facility_id) references acc_facility (tenant_id, id),
    -- a personnel-time line keeps its rate and basis so the figure can be reproduced
    check (personnel_role is null or (hours_per_person is not null and persons is not null and hourly_rate is not null and rate_basis is not null))
);
create index acc_investment_line_year_ix on acc_investment_line (tenant_id, fiscal_year);
create index acc_investment_line_measure_ix on acc_investment_line (tenant_id, measure_id);

create table acc_indicator (
    tenant_id    uuid         not null references plat_tenant (id),
    id           uuid         not null,
    name         varchar(200) not null,
    tier         varchar(16)  not null check (tier in ('PARTICIPATION', 'BEHAVIOUR', 'FINAL', 'CORPORATE_VALUE', 'SOCIAL_VALUE')),
    unit         varchar(20)  not null,
    direction    varchar(20)  not null check (direction in ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
    method       varchar(200),
    population   varchar(200),
    benefit_kind varchar(20)  not null default 'NONE' check (benefit_kind in ('NONE', 'ABSENTEEISM_DAYS', 'PRESENTEEISM_SPQ')),
    created_at   timestamptz  not null default now(),
    version      bigint       not null default 0,
    primary key (tenant_id, id)
);

create table acc_allocation (
    tenant_id    uuid          not null,
    id           uuid          not null,
    line_id      uuid          not null,
    indicator_id uuid          not null,
    ratio        numeric(7, 6) not null check (ratio > 0 and ratio <= 1),
    primary key (tenant_id, id),
    unique (tenant_id, line_id, indicator_id),
    foreign key (tenant_id, line_id) references acc_investment_line (tenant_id, id) on delete cascade,
    foreign key (tenant_id, indicator_id) references acc_indicator (tenant_id, id)
);

create table acc_indicator_value (
    tenant_id     uuid           not null,
    id            uuid           not null,
    indicator_id  uuid           not null,
    fiscal_year   integer        not null,
    baseline      numeric(18, 4),
    target        numeric(18, 4),
    actual        numeric(18, 4),
    response_rate numeric(5, 2)  check (response_rate between 0 and 100),
    version       bigint         not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, indicator_id, fiscal_year),
    foreign key (tenant_id, indicator_id) references acc_indicator (tenant_id, id) on delete cascade
);

create table acc_health_resource (
    tenant_id uuid           not null references plat_tenant (id),
    id        uuid           not null,
    name      varchar(200)   not null,
    kind      varchar(24)    not null check (kind in ('HUMAN_TANGIBLE', 'HUMAN_INTANGIBLE', 'ENVIRONMENT_TANGIBLE', 'ENVIRONMENT_INTANGIBLE')),
    value     numeric(18, 4),
    unit      varchar(20),
    as_of     date           not null,
    note      varchar(1000),
    primary key (tenant_id, id)
);
