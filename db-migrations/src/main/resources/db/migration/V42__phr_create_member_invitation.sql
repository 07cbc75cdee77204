-- Individuals join (issue 17 item 5, ADR 0043): an insurer invites a member with a one-time code, sent by mail or
-- printed on a 結果通知; the person signs up with 保険者番号, 記号・番号, 枝番, 生年月日 and the code, and their new
-- account (a PERSONAL tenant) is linked to the person. The code is kept only as its SHA-256; it is used once, expires
-- (hip.phr.invitation-validity), and a newer code for the same person replaces the older one (superseded_at).
create table phr_member_invitation (
    tenant_id        uuid         not null references plat_tenant (id), -- the inviting insurer
    id               uuid         not null,
    person_id        uuid         not null references phr_person (id) on delete cascade,
    code_sha256      varchar(64)  not null,
    delivery         varchar(8)   not null check (delivery in ('MAIL', 'PRINT')),
    created_by       varchar(100) not null,
    created_by_name  varchar(200),
    created_at       timestamptz  not null,
    expires_at       timestamptz  not null,
    superseded_at    timestamptz,
    used_at          timestamptz,
    used_by_tenant_id uuid        references plat_tenant (id) on delete set null, -- the PERSONAL tenant that joined
    primary key (tenant_id, id),
    check (expires_at > created_at)
);
create unique index phr_member_invitation_code_uk on phr_member_invitation (code_sha256);
create index phr_member_invitation_person_ix on phr_member_invitation (person_id);
create index phr_member_invitation_recent_ix on phr_member_invitation (tenant_id, created_at desc);
