-- The registry's revision (ADR 0016): one counter, bumped by the database in the same transaction as every change
-- of gl_declaration (the table the public list, export, permalink and API read). A node may keep a public page
-- computed at revision r for as long as the counter still reads r: a withdrawal or delisting on any node commits
-- a new revision with it, so every node's next request recomputes. Statement-level, so a bulk statement (the
-- nightly expiry) bumps it once.
create table gl_registry_revision (
    id       smallint not null primary key check (id = 1),
    revision bigint   not null
);
insert into gl_registry_revision (id, revision) values (1, 1);

create function gl_bump_registry_revision() returns trigger language plpgsql as $$
begin
    update gl_registry_revision set revision = revision + 1 where id = 1;
    return null;
end;
$$;

create trigger gl_declaration_revision
    after insert or update or delete on gl_declaration
    for each statement execute function gl_bump_registry_revision();
create trigger gl_declaration_revision_truncate
    after truncate on gl_declaration
    for each statement execute function gl_bump_registry_revision();
