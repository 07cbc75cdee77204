-- Investment beside outcome (issue 12 §4, ADR 0053): the company shares a snapshot of its health investment per
-- 健康課題 and 年度 (from the accounting allocations) with a linked insurer, and may withdraw it.
create table collabo_investment_share (
    company_tenant_id uuid         not null references plat_tenant (id),
    link_id           uuid         not null references collabo_link (id),
    fiscal_year       integer      not null,
    issue_key         varchar(40)  not null,
    issue_name        varchar(200) not null,
    amount            bigint       not null check (amount >= 0),
    measures          integer      not null,
    shared_at         timestamptz  not null,
    withdrawn_at      timestamptz,
    primary key (company_tenant_id, link_id, fiscal_year, issue_key)
);

-- Which report outcome belongs to which 健康課題 of the 健康経営度調査 (the nine standard issues, V20): reference
-- data of this platform (not a published mapping), versioned with the definitions.
create table collabo_issue_outcome (
    version    varchar(16) not null references collabo_definition_set (version),
    issue_code smallint    not null references acc_standard_health_issue (code),
    metric_key varchar(20) not null,
    primary key (version, issue_code, metric_key),
    foreign key (version, metric_key) references collabo_metric (version, key)
);
insert into collabo_issue_outcome values
('2024.1', 1, 'OBESITY'), ('2024.1', 1, 'EXERCISE'), ('2024.1', 1, 'DIET'), ('2024.1', 1, 'SMOKING'), ('2024.1', 1, 'DRINKING'),
('2024.1', 2, 'OBESITY'), ('2024.1', 2, 'BLOOD_PRESSURE'), ('2024.1', 2, 'LIPID'), ('2024.1', 2, 'GLUCOSE'), ('2024.1', 2, 'LIVER'),
('2024.1', 3, 'SLEEP'), ('2024.1', 7, 'SLEEP');
