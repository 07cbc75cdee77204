-- Row-level security on the PHR tables whose tenant column has another name (issue 16, ADR 0090 "PHR persons,
-- consents, evidence and the access log"). Enabled and forced like V91; the policies admit the system scope, the
-- person's own PERSONAL tenant (本人, phr_person.personal_tenant_id), the tenants holding the person (a membership
-- of their own: hip_holds_person, V92, a security definer function, so no policy recurses into another) and the
-- tenant the row names. Deleting is left to the system scope (erasure, ADR 0041); nothing else deletes these rows.

-- A person: read and changed by their own tenant and by their holders; created by a tenant about to hold them (its
-- membership follows in the same transaction) without a PERSONAL tenant; linked and erased in the system scope.
alter table phr_person enable row level security;
alter table phr_person force row level security;
create policy hip_phr_person on phr_person for select
    using (hip_scope() = 'system' or personal_tenant_id = hip_tenant() or hip_holds_person(id));
create policy hip_phr_person_add on phr_person for insert
    with check (hip_scope() = 'system' or (personal_tenant_id is null and hip_tenant() is not null));
create policy hip_phr_person_change on phr_person for update
    using (hip_scope() = 'system' or personal_tenant_id = hip_tenant() or hip_holds_person(id))
    with check (hip_scope() = 'system' or personal_tenant_id = hip_tenant() or hip_holds_person(id));
create policy hip_phr_person_erase on phr_person for delete using (hip_scope() = 'system');

-- Who a person is linked to (their PERSONAL tenant) decides who reads every record about them (V92 hip_phr_self):
-- it changes only in the system scope (joining with a code, erasure) or as the owner, never by a holder.
create function phr_person_link_guard() returns trigger language plpgsql as $$
begin
    if new.personal_tenant_id is distinct from old.personal_tenant_id and hip_scope() <> 'system'
       and not (select r.rolsuper or r.rolbypassrls from pg_roles r where r.rolname = current_user) then
        raise exception 'phr_person.personal_tenant_id changes only in the system scope (ADR 0090)'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;
create trigger phr_person_link_guard before update of personal_tenant_id on phr_person
    for each row execute function phr_person_link_guard();

-- Consent (本人同意), every version: the recipient it names, the person, and the person's holders (a holder records a
-- consent the person gave on paper, for itself or another recipient, ADR 0037). Versions are added and superseded,
-- never deleted except by erasure.
alter table phr_consent enable row level security;
alter table phr_consent force row level security;
create policy hip_phr_consent on phr_consent for select
    using (hip_scope() = 'system' or recipient_tenant_id = hip_tenant() or hip_holds_person(person_id)
           or person_id in (select p.id from phr_person p where p.personal_tenant_id = hip_tenant()));
create policy hip_phr_consent_add on phr_consent for insert
    with check (hip_scope() = 'system' or hip_holds_person(person_id)
                or person_id in (select p.id from phr_person p where p.personal_tenant_id = hip_tenant()));
create policy hip_phr_consent_change on phr_consent for update
    using (hip_scope() = 'system' or hip_holds_person(person_id)
           or person_id in (select p.id from phr_person p where p.personal_tenant_id = hip_tenant()))
    with check (hip_scope() = 'system' or hip_holds_person(person_id)
                or person_id in (select p.id from phr_person p where p.personal_tenant_id = hip_tenant()));
create policy hip_phr_consent_erase on phr_consent for delete using (hip_scope() = 'system');

-- A consent's evidence (a signed form): written by the holder that recorded it; read by it, the person, the
-- person's holders and the recipient of the consent it belongs to.
alter table phr_consent_evidence enable row level security;
alter table phr_consent_evidence force row level security;
create policy hip_phr_consent_evidence on phr_consent_evidence for select
    using (hip_scope() = 'system' or recorder_tenant_id = hip_tenant() or hip_holds_person(person_id)
           or person_id in (select p.id from phr_person p where p.personal_tenant_id = hip_tenant())
           or exists (select 1 from phr_consent c where c.id = consent_id and c.version = consent_version
                         and c.recipient_tenant_id = hip_tenant()));
create policy hip_phr_consent_evidence_add on phr_consent_evidence for insert
    with check (hip_scope() = 'system' or (recorder_tenant_id = hip_tenant() and hip_holds_person(person_id)));
create policy hip_phr_consent_evidence_erase on phr_consent_evidence for delete using (hip_scope() = 'system');

-- The access log: a line is written by the tenant that read (as itself) and read by it and by the person whose data
-- was read (their page, ADR 0042). Append-only (V30's trigger).
alter table phr_access_log enable row level security;
alter table phr_access_log force row level security;
create policy hip_phr_access_log on phr_access_log for select
    using (hip_scope() = 'system' or accessor_tenant_id = hip_tenant()
           or person_id in (select p.id from phr_person p where p.personal_tenant_id = hip_tenant()));
create policy hip_phr_access_log_add on phr_access_log for insert
    with check (hip_scope() = 'system' or accessor_tenant_id = hip_tenant());
