-- Policies per 年度 (ADR 0027): participants' time, labour cost, working days and employee count belong to a year,
-- so changing one year's policy never restates another. Each year that already has measures starts with the
-- company-wide values it was computed with until now.
create table acc_year_policy (
    tenant_id                uuid    not null references plat_tenant (id),
    id                       uuid    not null,
    fiscal_year              integer not null check (fiscal_year between 1900 and 2999),
    include_participant_time boolean not null default false,
    annual_labour_cost       bigint  not null default 0 check (annual_labour_cost between 0 and 999999999999),
    annual_working_days      integer not null default 240 check (annual_working_days between 1 and 366),
    employee_count           integer not null default 0 check (employee_count >= 0),
    version                  bigint  not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, fiscal_year)
);

insert into acc_year_policy (tenant_id, id, fiscal_year, include_participant_time, annual_labour_cost, annual_working_days, employee_count)
select p.tenant_id, gen_random_uuid(), y.fiscal_year, p.include_participant_time, least(p.annual_labour_cost, 999999999999), p.annual_working_days,
       p.employee_count
from acc_policy p
join (select distinct tenant_id, fiscal_year from acc_measure) y on y.tenant_id = p.tenant_id;
