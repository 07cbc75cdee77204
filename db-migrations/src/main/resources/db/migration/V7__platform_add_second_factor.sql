-- A second factor (TOTP, RFC 6238) per user (ADR 0008). The secret is Base32 as authenticator apps take it;
-- totp_last_step is the last time step whose code was accepted, so a code is never accepted twice.
alter table plat_user
    add column totp_secret     varchar(64),
    add column totp_enabled_at timestamptz,
    add column totp_last_step  bigint;

-- Ten single-use recovery codes per enrolment, kept as SHA-256 (they are random, 50 bits each). A new enrolment
-- deletes the old ones; a used one keeps its row with used_at, so "already used" can be told apart.
create table plat_recovery_code (
    tenant_id  uuid        not null,
    user_id    uuid        not null,
    code_hash  varchar(64) not null,
    created_at timestamptz not null default now(),
    used_at    timestamptz,
    primary key (tenant_id, user_id, code_hash),
    foreign key (tenant_id, user_id) references plat_user (tenant_id, id) on delete cascade
);
create index plat_recovery_code_user_ix on plat_recovery_code (user_id);
