-- Row-level security, enabled and forced, on every table with a tenant_id column (issue 16, ADR 0090).
-- One policy per table: a row is visible and writable when it belongs to the connection's tenant (hip.tenant_id),
-- or within the scope "system" (jobs, sign-in look-up, platform administrators: CurrentTenant.runAsSystem).
-- Narrower cross-tenant purposes (public register, METI's review, PHR legal bases) get their own policies in V92.
-- Tables added later must do the same; RowLevelSecurityTests fails for any that does not.
do $$
declare
    t record;
begin
    for t in select c.relname
               from pg_class c
               join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
              where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
              order by c.relname
    loop
        execute format('alter table %I enable row level security', t.relname);
        execute format('alter table %I force row level security', t.relname);
        execute format('create policy hip_tenant_rows on %I using (tenant_id = hip_tenant() or hip_scope() = ''system'') '
                       'with check (tenant_id = hip_tenant() or hip_scope() = ''system'')', t.relname);
    end loop;
end
$$;
