-- Bulk imports from CSV: one row per upload, with its progress and its per-row errors.
create table import_job (
    id            uuid        primary key,
    kind          text        not null check (kind in ('CUSTOMERS', 'SALES')),
    status        text        not null check (status in ('RECEIVED', 'VALIDATING', 'REJECTED', 'IMPORTING', 'DONE', 'FAILED')),
    file_name     text,
    total_rows    bigint      not null default 0,
    checked_rows  bigint      not null default 0,
    imported_rows bigint      not null default 0,
    error_count   bigint      not null default 0,
    errors        text        not null default '[]',
    message       text,
    created_by    text        not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    finished_at   timestamptz
);
create index import_job_created on import_job (created_at desc);
