-- The document of a guideline version, uploaded by the association (PDF, at most 1 MB), as an alternative or in
-- addition to its URL. Kept in the database so every app instance serves it.
create table gl_version_document (
    tenant_id    uuid         not null references plat_tenant (id),
    version_id   uuid         not null primary key references gl_guideline_version (id),
    file_name    varchar(200) not null,
    content_type varchar(100) not null,
    size_bytes   integer      not null check (size_bytes > 0 and size_bytes <= 1048576),
    content      bytea        not null,
    uploaded_at  timestamptz  not null
);
create index gl_version_document_tenant_ix on gl_version_document (tenant_id, version_id);
