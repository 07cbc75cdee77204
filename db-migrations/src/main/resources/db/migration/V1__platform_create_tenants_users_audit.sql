-- Tenants, users, role memberships and the append-only audit log.
-- Every tenant-owned table has tenant_id as the first column of its primary key or first index,
-- so the schema can be sharded by tenant later without redesign (conventions.md, Database).

create table plat_tenant (
    id               uuid primary key,
    kind             varchar(32)  not null
        check (kind in ('COMPANY', 'INSURER', 'ASSOCIATION', 'REGISTRY_OPERATOR', 'PLATFORM_OPERATOR', 'PERSONAL')),
    name             varchar(200) not null,
    corporate_number varchar(13),
    active           boolean      not null default true,
    created_at       timestamptz  not null default now(),
    version          bigint       not null default 0
);
create unique index plat_tenant_name_uk on plat_tenant (lower(name));

create table plat_user (
    tenant_id             uuid         not null references plat_tenant (id),
    id                    uuid         not null primary key,
    email                 varchar(254) not null,
    display_name          varchar(100) not null,
    password_hash         varchar(200),
    status                varchar(16)  not null check (status in ('INVITED', 'ACTIVE', 'DISABLED')),
    failed_attempts       integer      not null default 0 check (failed_attempts >= 0),
    locked_until          timestamptz,
    invitation_token_hash varchar(64),
    invitation_expires_at timestamptz,
    created_at            timestamptz  not null default now(),
    version               bigint       not null default 0,
    constraint plat_user_tenant_id_uk unique (tenant_id, id)
);
-- A sign-in name is unique across the platform: the tenant is found from it.
create unique index plat_user_email_uk on plat_user (lower(email));
create unique index plat_user_invitation_uk on plat_user (invitation_token_hash) where invitation_token_hash is not null;

create table plat_role_membership (
    tenant_id uuid        not null,
    user_id   uuid        not null,
    role      varchar(32) not null
        check (role in ('HR_STAFF', 'COMPANY_VIEWER', 'INSURER_STAFF', 'REGISTRY_OFFICER', 'ASSOCIATION_USER',
                        'INDIVIDUAL', 'PLATFORM_ADMIN', 'TENANT_ADMIN')),
    primary key (tenant_id, user_id, role),
    foreign key (tenant_id, user_id) references plat_user (tenant_id, id) on delete cascade
);
create index plat_role_membership_user_ix on plat_role_membership (user_id);

-- The JPA mapping writes (user_id, role); the tenant always follows the user, so the database fills it.
create function plat_role_membership_fill_tenant() returns trigger language plpgsql as $$
begin
    select u.tenant_id into new.tenant_id from plat_user u where u.id = new.user_id;
    return new;
end $$;
create trigger plat_role_membership_fill_tenant before insert on plat_role_membership
    for each row execute function plat_role_membership_fill_tenant();

-- 監査ログ: append-only. Who, what, which record, when (UTC), from where.
create table plat_audit_event (
    id             bigint generated always as identity primary key,
    tenant_id      uuid,
    occurred_at    timestamptz  not null default now(),
    actor_id       varchar(100) not null,
    actor_name     varchar(200),
    action         varchar(64)  not null,
    record_type    varchar(64),
    record_id      varchar(100),
    remote_address varchar(64),
    details        jsonb
);
create index plat_audit_event_tenant_ix on plat_audit_event (tenant_id, occurred_at desc);
create index plat_audit_event_record_ix on plat_audit_event (record_type, record_id);

create function plat_audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'plat_audit_event is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger plat_audit_event_no_update before update or delete on plat_audit_event
    for each row execute function plat_audit_event_append_only();
create trigger plat_audit_event_no_truncate before truncate on plat_audit_event
    for each statement execute function plat_audit_event_append_only();
