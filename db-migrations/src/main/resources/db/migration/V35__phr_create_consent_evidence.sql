-- Consent comes only from the person (issue 17 item 2, ADR 0037): a tenant may record a consent the person gave
-- elsewhere (a signed paper form) only with its evidence attached. The document is kept with the consent version it
-- recorded, exported with the person's data and deleted with it.
create table phr_consent_evidence (
    consent_id         uuid         not null,
    consent_version    integer      not null,
    person_id          uuid         not null references phr_person (id) on delete cascade,
    recorder_tenant_id uuid         not null references plat_tenant (id),
    recorder_id        varchar(100) not null,
    title              varchar(200) not null,
    media_type         varchar(40)  not null check (media_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes         integer      not null check (size_bytes > 0),
    sha256             varchar(64)  not null,
    content            bytea        not null,
    recorded_at        timestamptz  not null default now(),
    primary key (consent_id, consent_version),
    foreign key (consent_id, consent_version) references phr_consent (id, version) on delete cascade
);
create index phr_consent_evidence_person_ix on phr_consent_evidence (person_id);
