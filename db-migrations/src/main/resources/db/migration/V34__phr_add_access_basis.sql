-- The legal basis of every read of person data (ADR 0036): 本人 (SELF), 提供元 (SUPPLIER), 法令 (STATUTE_*: 高確法
-- for an insurer's 特定健診, 安衛法 第66条 for an employer's 定期健診, 高確法 第27条 for an insurer reading the
-- employer's 定期健診) or 同意 (CONSENT, with consent_refs naming the consent version). Rows written before the
-- basis existed keep null.
alter table phr_access_log add column basis varchar(20)
    check (basis in ('SELF', 'SUPPLIER', 'STATUTE_INSURER', 'STATUTE_EMPLOYER', 'STATUTE_ART27', 'CONSENT'));
