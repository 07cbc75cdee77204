-- コラボヘルス employer reports (健康スコアリングレポート 事業主単位, ref-accounting.md §3), their review and comments,
-- 特定保健指導 records, the versioned definitions and the insurer's settings. Issue 12, ADRs 0051–0052.

-- Definitions: versioned reference data with their source. One set is current.
create table collabo_definition_set (
    version     varchar(16)  primary key,
    valid_from  date         not null,
    current     boolean      not null,
    description varchar(300) not null
);
create unique index collabo_definition_set_current_uk on collabo_definition_set (current) where current;

-- One row per report metric: risk ratios (RISK: share of risk holders, lower is better) and lifestyle ratios
-- (LIFESTYLE: share with an appropriate habit, higher is better).
create table collabo_metric (
    version   varchar(16)  not null references collabo_definition_set (version),
    key       varchar(20)  not null,
    section   varchar(12)  not null check (section in ('RISK', 'LIFESTYLE')),
    sort      integer      not null,
    name_ja   varchar(40)  not null,
    name_en   varchar(40)  not null,
    rule_ja   varchar(400) not null,
    rule_en   varchar(400) not null,
    source    varchar(400) not null,
    confirmed boolean      not null,
    primary key (version, key)
);

-- The conditions of a metric; a person counts as positive when any condition holds and as measured (answered)
-- when any of its items has a value. NUMERIC: the latest value of the items with these 同一性項目コード in the 年度,
-- compared with the threshold (GE ≥, LT <) for the person's sex. CODED: the latest coded answer of the item (17-digit
-- 特定健診 item code, JLAC10-based) is one of the listed codes. MEDICATION conditions apply only where the insurer's
-- setting counts people on medication as risk holders.
create table collabo_metric_condition (
    version        varchar(16)  not null,
    metric_key     varchar(20)  not null,
    sort           integer      not null,
    kind           varchar(12)  not null check (kind in ('NUMERIC', 'CODED', 'MEDICATION')),
    items          varchar(200) not null, -- comma-separated 同一性項目コード (NUMERIC) or item codes (CODED, MEDICATION)
    op             varchar(2)   check (op in ('GE', 'LT')),
    male           numeric(8, 2),
    female         numeric(8, 2),
    codes_male     varchar(40),  -- comma-separated answer codes (CODED, MEDICATION)
    codes_female   varchar(40),
    primary key (version, metric_key, sort),
    foreign key (version, metric_key) references collabo_metric (version, key)
);

insert into collabo_definition_set values ('2024.1', '2024-04-01', true,
 '特定保健指導の判定値(標準的な健診・保健指導プログラム 令和6年度版)と標準的な質問票(第4期)に基づく、本プラットフォームの定義');

insert into collabo_metric (version, key, sort, section, name_ja, name_en, rule_ja, rule_en, source, confirmed) values
('2024.1', 'OBESITY', 1, 'RISK', '肥満', 'Obesity',
 '腹囲 男性85cm以上・女性90cm以上、またはBMI 25以上', 'Waist ≥85 cm (men) / ≥90 cm (women), or BMI ≥25',
 '特定保健指導 判定値 (ref-accounting.md §3.5; 標準的な健診・保健指導プログラム)', true),
('2024.1', 'BLOOD_PRESSURE', 2, 'RISK', '血圧', 'Blood pressure',
 '収縮期血圧130mmHg以上 または 拡張期血圧85mmHg以上 (設定により血圧の服薬者を含む)', 'Systolic ≥130 or diastolic ≥85 mmHg (people on medication by setting)',
 '特定保健指導 判定値 (ref-accounting.md §3.5)', true),
('2024.1', 'LIVER', 3, 'RISK', '肝機能', 'Liver function',
 'AST 31U/L以上、ALT 31U/L以上、またはγ-GT 51U/L以上', 'AST ≥31, ALT ≥31 or γ-GT ≥51 U/L',
 '特定保健指導 判定値 (ref-accounting.md §3.5)', true),
('2024.1', 'LIPID', 4, 'RISK', '脂質', 'Lipids',
 '中性脂肪150mg/dL以上 または HDLコレステロール40mg/dL未満 (設定により脂質異常症の服薬者を含む)', 'Triglycerides ≥150 or HDL <40 mg/dL (people on medication by setting)',
 '特定保健指導 判定値 (ref-accounting.md §3.5)', true),
('2024.1', 'GLUCOSE', 5, 'RISK', '血糖', 'Blood glucose',
 '空腹時血糖(随時血糖)100mg/dL以上 または HbA1c 5.6%以上 (設定により糖尿病の服薬者を含む)', 'Fasting (or casual) glucose ≥100 mg/dL or HbA1c ≥5.6% (people on medication by setting)',
 '特定保健指導 判定値 (ref-accounting.md §3.5)', true),
('2024.1', 'SMOKING', 6, 'LIFESTYLE', '喫煙', 'Smoking',
 '質問票 喫煙 (9N736) が「いいえ」または「以前は吸っていたが最近1ヶ月間は吸っていない」', 'Questionnaire item 9N736: not smoking now',
 '標準的な質問票 第4期 (ref-checkup-codes.md §5)', true),
('2024.1', 'EXERCISE', 7, 'LIFESTYLE', '運動', 'Exercise',
 '質問票 30分以上の運動習慣 (9N746) が「はい」', 'Questionnaire item 9N746: exercises 30 min, 2+ days a week, 1+ year',
 '標準的な質問票 第4期; スコアリングレポートの定義は未確認 (ref-accounting.md §3.5 [U])', false),
('2024.1', 'DIET', 8, 'LIFESTYLE', '食事', 'Diet',
 '質問票 朝食を抜くことが週3回以上 (9N781) が「いいえ」', 'Questionnaire item 9N781: does not skip breakfast 3+ times a week',
 '標準的な質問票 第4期; スコアリングレポートの定義は未確認 (ref-accounting.md §3.5 [U])', false),
('2024.1', 'DRINKING', 9, 'LIFESTYLE', '飲酒', 'Drinking',
 '質問票 飲酒量 (9N791) が男性2合未満・女性1合未満、または飲酒 (9N786) が「やめた」「飲まない」', 'Item 9N791 under 2 gō (men) / 1 gō (women) a day, or 9N786 quit / never',
 '標準的な質問票 第4期; スコアリングレポートの定義は未確認 (ref-accounting.md §3.5 [U])', false),
('2024.1', 'SLEEP', 10, 'LIFESTYLE', '睡眠', 'Sleep',
 '質問票 睡眠で休養が十分とれている (9N796) が「はい」', 'Questionnaire item 9N796: enough rest from sleep',
 '標準的な質問票 第4期 (ref-accounting.md §3.5)', true);

insert into collabo_metric_condition values
('2024.1', 'OBESITY', 1, 'NUMERIC', '9N016', 'GE', 85, 90, null, null),
('2024.1', 'OBESITY', 2, 'NUMERIC', '9N011', 'GE', 25, 25, null, null),
('2024.1', 'BLOOD_PRESSURE', 1, 'NUMERIC', '9A751,9A752,9A755', 'GE', 130, 130, null, null),
('2024.1', 'BLOOD_PRESSURE', 2, 'NUMERIC', '9A761,9A762,9A765', 'GE', 85, 85, null, null),
('2024.1', 'BLOOD_PRESSURE', 3, 'MEDICATION', '9N701000000000011', null, null, null, '1', '1'),
('2024.1', 'LIVER', 1, 'NUMERIC', '3B035', 'GE', 31, 31, null, null),
('2024.1', 'LIVER', 2, 'NUMERIC', '3B045', 'GE', 31, 31, null, null),
('2024.1', 'LIVER', 3, 'NUMERIC', '3B090', 'GE', 51, 51, null, null),
('2024.1', 'LIPID', 1, 'NUMERIC', '3F015', 'GE', 150, 150, null, null),
('2024.1', 'LIPID', 2, 'NUMERIC', '3F070', 'LT', 40, 40, null, null),
('2024.1', 'LIPID', 3, 'MEDICATION', '9N711000000000011', null, null, null, '1', '1'),
('2024.1', 'GLUCOSE', 1, 'NUMERIC', '3D010', 'GE', 100, 100, null, null),
('2024.1', 'GLUCOSE', 2, 'NUMERIC', '3D046', 'GE', 5.6, 5.6, null, null),
('2024.1', 'GLUCOSE', 3, 'MEDICATION', '9N706000000000011', null, null, null, '1', '1'),
('2024.1', 'SMOKING', 1, 'CODED', '9N736000000000011', null, null, null, '2,3', '2,3'),
('2024.1', 'EXERCISE', 1, 'CODED', '9N746000000000011', null, null, null, '1', '1'),
('2024.1', 'DIET', 1, 'CODED', '9N781000000000011', null, null, null, '2', '2'),
('2024.1', 'DRINKING', 1, 'CODED', '9N791000000000011', null, null, null, '1,2', '1'),
('2024.1', 'DRINKING', 2, 'CODED', '9N786000000000011', null, null, null, '7,8', '7,8'),
('2024.1', 'SLEEP', 1, 'CODED', '9N796000000000011', null, null, null, '1', '1');

-- The insurer's settings for rules that are not confirmed (shown on every report with the values it was built with).
create table collabo_insurer_setting (
    insurer_tenant_id   uuid        primary key references plat_tenant (id),
    medication_is_risk  boolean     not null default true,
    min_report_persons  integer     not null default 50 check (min_report_persons >= 50),
    min_cell_persons    integer     not null default 10 check (min_cell_persons >= 10),
    updated_at          timestamptz not null default now()
);

-- 特定保健指導 per member and 年度: 対象 (with the level), started (初回面接), completed (実績評価).
create table collabo_guidance (
    insurer_tenant_id uuid        not null references plat_tenant (id),
    fiscal_year       integer     not null,
    insured_symbol    varchar(40) not null default '',
    insured_number    varchar(40) not null,
    level             varchar(12) not null check (level in ('INTENSIVE', 'MOTIVATIONAL')),
    started_on        date,
    completed_on      date,
    recorded_at       timestamptz not null default now(),
    primary key (insurer_tenant_id, fiscal_year, insured_symbol, insured_number),
    check (completed_on is null or started_on is not null),
    check (completed_on is null or completed_on >= started_on)
);

-- A built report: only the suppressed figures are stored (content), never a person or an unsuppressed count.
create table collabo_report (
    insurer_tenant_id   uuid         not null references plat_tenant (id),
    id                  uuid         not null,
    company_tenant_id   uuid         not null references plat_tenant (id),
    link_id             uuid         not null references collabo_link (id),
    employer_group      varchar(100) not null,
    fiscal_year         integer      not null,
    status              varchar(12)  not null check (status in ('DRAFT', 'SHARED', 'ACKNOWLEDGED')),
    definitions_version varchar(16)  not null references collabo_definition_set (version),
    content             jsonb        not null,
    built_at            timestamptz  not null,
    built_by            varchar(200) not null,
    shared_at           timestamptz,
    acknowledged_at     timestamptz,
    version             integer      not null default 1,
    primary key (insurer_tenant_id, id)
);
create unique index collabo_report_id_uk on collabo_report (id);
create index collabo_report_company_ix on collabo_report (company_tenant_id, status);
create unique index collabo_report_group_year_uk on collabo_report (link_id, employer_group, fiscal_year);

-- Comments both ways, on the whole report (section null) or on one section.
create table collabo_comment (
    id               bigint generated always as identity primary key,
    report_id        uuid          not null references collabo_report (id),
    section          varchar(20),
    author_tenant_id uuid          not null references plat_tenant (id),
    author_side      varchar(8)    not null check (author_side in ('COMPANY', 'INSURER')),
    author_name      varchar(200)  not null,
    body             varchar(2000) not null,
    created_at       timestamptz   not null
);
create index collabo_comment_report_ix on collabo_comment (report_id, id);
