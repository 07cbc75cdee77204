-- The employer 事業所 (establishment) a person works at: an EMPLOYEE membership names the employer tenant and, when
-- known, the 事業所 (e.g. 本社, 工場). 事業所番号 as the employer numbers it (e.g. the 雇用保険 事業所番号
-- 1301-123456-7); insured memberships carry none.
alter table phr_membership add column establishment_number varchar(20);
alter table phr_membership add column establishment_name   varchar(100);
alter table phr_membership add constraint phr_membership_establishment_ck
    check (kind = 'EMPLOYEE' or (establishment_number is null and establishment_name is null));
