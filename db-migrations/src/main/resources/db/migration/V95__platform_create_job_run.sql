-- Scheduled jobs run once across nodes (ADR 0093): every node's scheduler fires, and the first to insert the job's
-- row for the slot (the day of a nightly job) runs it; the others find the row and skip. The row stays as the
-- record of who ran the job, when, and how it ended.
create table plat_job_run (
    job         varchar(60)  not null,
    slot        varchar(40)  not null,
    node        varchar(120) not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    outcome     varchar(16)  not null default 'RUNNING' check (outcome in ('RUNNING', 'DONE', 'FAILED')),
    primary key (job, slot)
);
