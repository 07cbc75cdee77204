-- An own health issue's name is unique per company, compared without width (全角/半角), case or spacing
-- (OwnHealthIssue.comparable). The application checks first and gives a clear message; this index makes two HR
-- users adding the same name at the same moment end with one row, not two.
alter table acc_own_health_issue add column name_key varchar(200);
update acc_own_health_issue set name_key = lower(regexp_replace(normalize(name, NFKC), '[\s\u3000]+', '', 'g'));
alter table acc_own_health_issue alter column name_key set not null;
create unique index acc_own_health_issue_name_uk on acc_own_health_issue (tenant_id, name_key);
