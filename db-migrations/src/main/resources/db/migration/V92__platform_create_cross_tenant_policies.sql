-- The named cross-tenant purposes (ADR 0090), each a policy of its own beside hip_tenant_rows (V91). Permissive
-- policies add up: a row passes when any policy for the command accepts it.

-- The audit trail is appended to from anywhere (sign-in steps audit into the user's tenant before anyone is signed
-- in; METI's decisions into the association's); it stays append-only (V1's trigger) and is read per tenant.
create policy hip_audit_append on plat_audit_event for insert with check (true);
-- Mail with no tenant (sign-up codes) is queued by anyone.
create policy hip_platform_mail on plat_mail_outbox for insert with check (tenant_id is null);

-- "public": the registry's public view (PublicRegister) reads the registry, never the review's comments or reminders.
do $$
declare
    t text;
begin
    foreach t in array array['gl_association', 'gl_guideline', 'gl_guideline_version', 'gl_declaration',
                             'gl_status_transition', 'gl_version_document', 'gl_answer_document']
    loop
        execute format('create policy hip_public_register on %I for select using (hip_scope() = ''public'')', t);
    end loop;
    -- "review": METI's formal check (RegistryReview) reads and decides on every association's declarations
    foreach t in array array['gl_association', 'gl_guideline', 'gl_guideline_version', 'gl_declaration',
                             'gl_status_transition', 'gl_version_document', 'gl_answer_document', 'gl_review_comment',
                             'gl_reminder_sent']
    loop
        execute format('create policy hip_registry_review on %I using (hip_scope() = ''review'') '
                       'with check (hip_scope() = ''review'')', t);
    end loop;
end
$$;
-- the review's decisions are mailed to the association in the deciding transaction; its trail of a declaration
-- reads every tenant's events about it (AuditLog.historyOf)
create policy hip_registry_review on plat_audit_event for select using (hip_scope() = 'review');
create policy hip_registry_review on plat_mail_outbox for insert with check (hip_scope() = 'review');

-- PHR legal bases (AccessJoin, ADR 0036): a tenant reads rows other tenants wrote only for persons it holds
-- (a membership of its own); which rows it may then read is decided by AccessJoin's legal basis. Co-holders of a
-- person see each other's membership of that person (the 高確法 第27条 basis asks for the employer's).
create function hip_holds_person(person uuid) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (select 1 from phr_membership m where m.tenant_id = hip_tenant() and m.person_id = person) $$;

create policy hip_phr_holder on phr_membership for select using (hip_holds_person(person_id));
-- (uncorrelated, so PostgreSQL hashes the tenant's persons once per query instead of probing per row)
create policy hip_phr_holder on phr_observation for select
    using (person_id in (select m.person_id from phr_membership m where m.tenant_id = hip_tenant()));
create policy hip_phr_holder on phr_medication_statement for select
    using (person_id in (select m.person_id from phr_membership m where m.tenant_id = hip_tenant()));

-- 本人: the person's own (PERSONAL) tenant reads every record about them and who holds them.
do $$
declare
    t text;
begin
    foreach t in array array['phr_membership', 'phr_observation', 'phr_medication_statement', 'phr_source_document',
                             'phr_checkup']
    loop
        execute format('create policy hip_phr_self on %I for select '
                       'using (person_id in (select p.id from phr_person p where p.personal_tenant_id = hip_tenant()))', t);
    end loop;
end
$$;
