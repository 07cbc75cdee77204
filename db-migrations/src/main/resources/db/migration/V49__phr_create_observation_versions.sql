-- Earlier versions of observations (issue 10, item 5; ADR 0048): FHIR vread and _history. phr_observation keeps the
-- current version; an update first copies the row it replaces here. Only the columns the access join reads
-- (AccessJoin: person, writer, consent category, effective time) and the resource as it was served.
-- No foreign key to phr_observation: the deletion paths remove the versions with their observation (PersonalDeletion,
-- CheckupStore), and the current table stays free to be partitioned.
create table phr_observation_version (
    id              uuid        not null,
    version_id      integer     not null,
    person_id       uuid        not null references phr_person (id) on delete cascade,
    tenant_id       uuid        not null references plat_tenant (id),
    data_category   varchar(16) not null check (data_category in ('CHECKUP', 'LIFELOG', 'MEDICATION')),
    effective_start timestamptz not null,
    resource        jsonb       not null,
    last_updated    timestamptz not null,
    primary key (id, version_id)
);
create index phr_observation_version_person_ix on phr_observation_version (person_id);

-- Row-level security as phr_observation (V91, V92): the writer's tenant, the holders of the person, the person.
-- On a new database this runs before V90/V91: V91 then enables and forces it and adds hip_tenant_rows, as for every
-- table with a tenant_id. On an existing one (out-of-order) hip_tenant() exists and it is done here. The two
-- cross-tenant policies are V92's for phr_observation, with hip_tenant()'s body written out (it may not exist yet).
do $$
begin
    if to_regprocedure('hip_tenant()') is not null then
        execute 'alter table phr_observation_version enable row level security';
        execute 'alter table phr_observation_version force row level security';
        execute 'create policy hip_tenant_rows on phr_observation_version '
                'using (tenant_id = hip_tenant() or hip_scope() = ''system'') '
                'with check (tenant_id = hip_tenant() or hip_scope() = ''system'')';
    end if;
end
$$;
create policy hip_phr_holder on phr_observation_version for select
    using (person_id in (select m.person_id from phr_membership m
                          where m.tenant_id = nullif(current_setting('hip.tenant_id', true), '')::uuid));
create policy hip_phr_self on phr_observation_version for select
    using (person_id in (select p.id from phr_person p
                          where p.personal_tenant_id = nullif(current_setting('hip.tenant_id', true), '')::uuid));
