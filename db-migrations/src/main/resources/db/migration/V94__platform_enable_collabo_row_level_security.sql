-- コラボヘルス under row-level security (ADR 0090). Its rows belong to two tenants (ADR 0050): a company and an
-- insurer that agreed on a link. A row is visible and writable to either side it names, or within the scope
-- "system"; comments and shared investment are read by the other side through the link or report they belong to.
do $$
declare
    t text;
begin
    foreach t in array array['collabo_link', 'collabo_report', 'collabo_comment', 'collabo_investment_share',
                             'collabo_insurer_setting', 'collabo_guidance']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
    end loop;
end
$$;

create policy hip_collabo_sides on collabo_link
    using (company_tenant_id = hip_tenant() or insurer_tenant_id = hip_tenant() or hip_scope() = 'system')
    with check (company_tenant_id = hip_tenant() or insurer_tenant_id = hip_tenant() or hip_scope() = 'system');
create policy hip_collabo_sides on collabo_report
    using (company_tenant_id = hip_tenant() or insurer_tenant_id = hip_tenant() or hip_scope() = 'system')
    with check (company_tenant_id = hip_tenant() or insurer_tenant_id = hip_tenant() or hip_scope() = 'system');

-- written by its author's tenant; read by both sides of the report (visible through the report's own policy)
create policy hip_collabo_author on collabo_comment
    using (author_tenant_id = hip_tenant() or hip_scope() = 'system')
    with check (author_tenant_id = hip_tenant() or hip_scope() = 'system');
create policy hip_collabo_report_reader on collabo_comment for select
    using (report_id in (select r.id from collabo_report r));

-- written by the company; read by the insurer of the link (visible through the link's own policy)
create policy hip_collabo_company on collabo_investment_share
    using (company_tenant_id = hip_tenant() or hip_scope() = 'system')
    with check (company_tenant_id = hip_tenant() or hip_scope() = 'system');
create policy hip_collabo_link_reader on collabo_investment_share for select
    using (link_id in (select l.id from collabo_link l));

-- the insurer's own settings and 特定保健指導 records
create policy hip_collabo_insurer on collabo_insurer_setting
    using (insurer_tenant_id = hip_tenant() or hip_scope() = 'system')
    with check (insurer_tenant_id = hip_tenant() or hip_scope() = 'system');
create policy hip_collabo_insurer on collabo_guidance
    using (insurer_tenant_id = hip_tenant() or hip_scope() = 'system')
    with check (insurer_tenant_id = hip_tenant() or hip_scope() = 'system');
