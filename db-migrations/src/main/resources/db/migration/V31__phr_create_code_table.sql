-- Reference data: the observation codes the platform accepts, versioned (table_version), with the
-- 特定健診 item code (urn:oid:1.2.392.200119.6.1005, JLAC10-based 17 digits), its 5-character
-- 同一性項目コード, LOINC where one exists, the UCUM unit, JP Core and HL7 categories, the consent
-- category, the 保健指導判定値 used as reference range on the individual's charts, and the plausible range
-- that ingest accepts. Sources: ref-phr.md §1.3 and §2.5 (LOINC for lipids and liver enzymes is [U] there).
create table phr_code (
    table_version varchar(16)  not null,
    code_system   varchar(100) not null,
    code          varchar(40)  not null,
    name_ja       varchar(100) not null,
    name_en       varchar(100) not null,
    identity_code varchar(5),
    loinc         varchar(20),
    loinc_display varchar(120),
    unit          varchar(20)  not null,
    category_jp   varchar(40)  not null,
    category_hl7  varchar(40)  not null,
    data_category varchar(16)  not null check (data_category in ('CHECKUP', 'LIFELOG', 'MEDICATION')),
    ref_low       numeric(10, 2),
    ref_high      numeric(10, 2),
    min_value     numeric(12, 2) not null,
    max_value     numeric(12, 2) not null,
    sort_order    integer      not null,
    primary key (table_version, code_system, code)
);
create table phr_code_table (
    table_version varchar(16) primary key,
    valid_from    date        not null,
    current       boolean     not null,
    description   varchar(200) not null
);
create unique index phr_code_table_current_uk on phr_code_table (current) where current;

insert into phr_code_table values ('2024.1', '2024-04-01', true, '第4期 特定健診 (2024年度〜) 主要項目とライフログ項目');

insert into phr_code (table_version, code_system, code, name_ja, name_en, identity_code, loinc, loinc_display, unit,
                      category_jp, category_hl7, data_category, ref_low, ref_high, min_value, max_value, sort_order) values
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '9N001000000000001', '身長', 'Body height', '9N001', '8302-2', 'Body height', 'cm', 'body-measurement', 'vital-signs', 'CHECKUP', null, null, 80, 250, 10),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '9N006000000000001', '体重', 'Body weight', '9N006', '29463-7', 'Body weight', 'kg', 'body-measurement', 'vital-signs', 'CHECKUP', null, null, 15, 300, 20),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '9N011000000000001', 'BMI', 'Body mass index', '9N011', '39156-5', 'Body mass index (BMI) [Ratio]', 'kg/m2', 'body-measurement', 'vital-signs', 'CHECKUP', null, 25, 10, 80, 30),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '9N016160100000001', '腹囲(実測)', 'Waist circumference', '9N016', '8280-0', 'Waist Circumference at umbilicus by Tape measure', 'cm', 'body-measurement', 'vital-signs', 'CHECKUP', null, 85, 40, 200, 40),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '9A751000000000001', '収縮期血圧(1回目)', 'Systolic blood pressure', '9A751', '8480-6', 'Systolic blood pressure', 'mm[Hg]', 'vital-signs', 'vital-signs', 'CHECKUP', null, 130, 50, 300, 50),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '9A761000000000001', '拡張期血圧(1回目)', 'Diastolic blood pressure', '9A761', '8462-4', 'Diastolic blood pressure', 'mm[Hg]', 'vital-signs', 'vital-signs', 'CHECKUP', null, 85, 20, 200, 60),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '3F015000002327101', '空腹時中性脂肪(可視吸光光度法)', 'Triglycerides (fasting)', '3F015', '2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma', 'mg/dL', 'laboratory', 'laboratory', 'CHECKUP', null, 150, 5, 5000, 70),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '3F015000002327201', '空腹時中性脂肪(紫外吸光光度法)', 'Triglycerides (fasting, UV)', '3F015', '2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma', 'mg/dL', 'laboratory', 'laboratory', 'CHECKUP', null, 150, 5, 5000, 71),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '3F070000002327101', 'HDLコレステロール', 'HDL cholesterol', '3F070', '2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'mg/dL', 'laboratory', 'laboratory', 'CHECKUP', 40, null, 5, 300, 80),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '3F077000002327101', 'LDLコレステロール', 'LDL cholesterol', '3F077', '18262-6', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay', 'mg/dL', 'laboratory', 'laboratory', 'CHECKUP', null, 120, 5, 1000, 90),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '3B035000002327201', 'AST(GOT)', 'AST', '3B035', '1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', 'laboratory', 'laboratory', 'CHECKUP', null, 30, 1, 5000, 100),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '3B045000002327201', 'ALT(GPT)', 'ALT', '3B045', '1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', 'laboratory', 'laboratory', 'CHECKUP', null, 30, 1, 5000, 110),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '3B090000002327101', 'γ-GT(γ-GTP)', 'Gamma-GT', '3B090', '2324-2', 'Gamma glutamyl transferase [Enzymatic activity/volume] in Serum or Plasma', 'U/L', 'laboratory', 'laboratory', 'CHECKUP', null, 50, 1, 5000, 120),
('2024.1', 'urn:oid:1.2.392.200119.6.1005', '3D046000001906202', 'HbA1c(NGSP値)', 'HbA1c (NGSP)', '3D046', '4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%', 'laboratory', 'laboratory', 'CHECKUP', null, 5.6, 2, 25, 130),
('2024.1', 'http://loinc.org', '41950-7', '歩数', 'Steps', null, '41950-7', 'Number of steps in 24 hour Measured', '/d', 'activity', 'activity', 'LIFELOG', null, null, 0, 200000, 200),
('2024.1', 'http://loinc.org', '29463-7', '体重(自己測定)', 'Body weight (self-measured)', null, '29463-7', 'Body weight', 'kg', 'body-measurement', 'vital-signs', 'LIFELOG', null, null, 15, 300, 210),
('2024.1', 'http://loinc.org', '8480-6', '収縮期血圧(家庭)', 'Systolic blood pressure (home)', null, '8480-6', 'Systolic blood pressure', 'mm[Hg]', 'vital-signs', 'vital-signs', 'LIFELOG', null, 135, 50, 300, 220),
('2024.1', 'http://loinc.org', '8462-4', '拡張期血圧(家庭)', 'Diastolic blood pressure (home)', null, '8462-4', 'Diastolic blood pressure', 'mm[Hg]', 'vital-signs', 'vital-signs', 'LIFELOG', null, 85, 20, 200, 230),
('2024.1', 'http://loinc.org', '8867-4', '心拍数', 'Heart rate', null, '8867-4', 'Heart rate', '/min', 'vital-signs', 'vital-signs', 'LIFELOG', null, null, 20, 260, 240);
