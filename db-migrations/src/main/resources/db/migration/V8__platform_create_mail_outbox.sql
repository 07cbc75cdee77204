-- Mail goes out through an outbox (ADR 0009): the action that causes a mail (an invitation, …) writes its row in
-- the same transaction, and a job on any node sends due rows over SMTP, retrying with growing delays. So a mail
-- server that is down never loses the action, and the action never half-happens. tenant_id is the tenant the mail
-- is about (null for platform mail).
create table plat_mail_outbox (
    id              uuid         primary key,
    tenant_id       uuid         references plat_tenant (id),
    purpose         varchar(40)  not null,
    recipient       varchar(254) not null,
    subject         varchar(300) not null,
    body            text         not null,
    status          varchar(16)  not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer      not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz  not null,
    last_error      varchar(500),
    created_at      timestamptz  not null,
    sent_at         timestamptz
);
create index plat_mail_outbox_due_ix on plat_mail_outbox (next_attempt_at) where status = 'PENDING';
create index plat_mail_outbox_tenant_ix on plat_mail_outbox (tenant_id, created_at desc);
