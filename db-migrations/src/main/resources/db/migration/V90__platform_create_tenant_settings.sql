-- Row-level security, the second line of tenant isolation (issue 16, ADR 0090). The application connects as a role
-- that owns nothing and is neither superuser nor BYPASSRLS (checked at start-up); the tenant mechanism sets two
-- settings on each connection it takes from the pool (jp.hip.identity.TenantConnections):
--   hip.tenant_id  the tenant the work acts for (empty: none)
--   hip.scope      a named cross-tenant purpose (jp.hip.identity.CrossTenantScope; empty: none)
-- Policies read them through these two functions. An unset or empty setting matches no tenant and no scope.

-- hip_holds_person (V92) reads phr_membership past its own policy; for that the owner running the migrations must
-- not be subject to row-level security itself.
do $$
begin
    if not (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) then
        raise exception 'The owner role "%" that runs the migrations must be a superuser or have BYPASSRLS (ADR 0090); '
                        'the application connects as another role (HIP_DB_USER)', current_user;
    end if;
end
$$;

create function hip_tenant() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('hip.tenant_id', true), '')::uuid $$;

create function hip_scope() returns text
    language sql stable parallel safe
    as $$ select coalesce(current_setting('hip.scope', true), '') $$;
