-- Expiry reminders already sent (8 months, 4 months, 30 days before the logo window ends): one row per
-- declaration and stage, so several app instances never send the same reminder twice.
create table gl_reminder_sent (
    tenant_id      uuid        not null references plat_tenant (id),
    declaration_id uuid        not null references gl_declaration (id),
    stage          varchar(16) not null check (stage in ('MONTHS_8', 'MONTHS_4', 'DAYS_30')),
    sent_at        timestamptz not null,
    primary key (declaration_id, stage)
);
create index gl_reminder_sent_tenant_ix on gl_reminder_sent (tenant_id, declaration_id);
