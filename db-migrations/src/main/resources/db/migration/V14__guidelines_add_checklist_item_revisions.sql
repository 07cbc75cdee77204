-- Wording frozen per declaration (ADR 0013): METI's edit of a checklist item no longer changes the row that
-- declarations answered; it retires it and inserts the next revision of the same code. Declarations keep pointing
-- at the revision they answered; new declarations get the current one (retired_at is null).
alter table gl_checklist_item add column revision integer not null default 1 check (revision >= 1);
alter table gl_checklist_item add column retired_at timestamptz;
alter table gl_checklist_item drop constraint gl_checklist_item_code_uk;
alter table gl_checklist_item add constraint gl_checklist_item_revision_uk unique (edition, code, revision);
create unique index gl_checklist_item_current_uk on gl_checklist_item (edition, code) where retired_at is null;
