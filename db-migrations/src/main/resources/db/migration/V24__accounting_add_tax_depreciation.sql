-- Japanese tax depreciation (ADR 0024, ref-depreciation.md): the asset class that limits the method, the rate
-- table version a facility's schedule uses, the company's rounding rule (切り捨て by default), and the share of a
-- facility's health-use depreciation each depreciation line apportions (one facility-year counted once, ADR 0025).
-- Amounts a user enters are bounded at 999,999,999,999円 (Yen.MAX_AMOUNT); the checks are NOT VALID so that rows
-- written before this migration stay readable (and deletable) while every new or changed row is checked.
alter table acc_facility add column asset_class varchar(24) not null default 'EQUIPMENT'
    check (asset_class in ('BUILDING', 'BUILDING_EQUIPMENT', 'STRUCTURE', 'EQUIPMENT'));
alter table acc_facility add column rate_table varchar(64) not null default 'R08-e-Gov-340M50000040015_20260522';
alter table acc_facility add constraint acc_facility_life_table_ck check (useful_life_years between 2 and 50) not valid;
alter table acc_facility add constraint acc_facility_cost_max_ck check (acquisition_cost <= 999999999999) not valid;

alter table acc_policy add column depreciation_rounding varchar(8) not null default 'DOWN'
    check (depreciation_rounding in ('DOWN', 'UP', 'HALF_UP'));
alter table acc_policy add constraint acc_policy_labour_max_ck check (annual_labour_cost <= 999999999999) not valid;

alter table acc_investment_line add column facility_share numeric(7, 6)
    check (facility_share is null or (facility_share > 0 and facility_share <= 1));
update acc_investment_line set facility_share = 1 where facility_id is not null;
alter table acc_investment_line add constraint acc_investment_line_amount_max_ck check (amount <= 999999999999) not valid;
create index acc_investment_line_facility_ix on acc_investment_line (tenant_id, facility_id, fiscal_year) where facility_id is not null;
