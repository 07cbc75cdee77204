-- Evidence per checklist answer (ADR 0015): 該当 needs a URL or an uploaded document, 該当なし needs a reason.
alter table gl_checklist_answer add column reason varchar(1000);

-- An uploaded evidence document of one answer: PDF, PNG or JPEG (checked by its first bytes), at most 1 MB.
create table gl_answer_document (
    tenant_id      uuid          not null references plat_tenant (id),
    id             uuid          not null primary key,
    declaration_id uuid          not null references gl_declaration (id) on delete cascade,
    item_id        uuid          not null references gl_checklist_item (id),
    file_name      varchar(200)  not null,
    content_type   varchar(100)  not null,
    size_bytes     integer       not null check (size_bytes between 1 and 1048576),
    content        bytea         not null,
    uploaded_at    timestamptz   not null,
    constraint gl_answer_document_item_uk unique (tenant_id, declaration_id, item_id)
);
