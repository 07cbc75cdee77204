-- Whether an API client may record consents the person gave elsewhere (POST /fhir/Consent with evidence). Only a
-- platform administrator sets it (ADR 0037); every client starts without it.
alter table plat_api_client add column records_consents boolean not null default false;
