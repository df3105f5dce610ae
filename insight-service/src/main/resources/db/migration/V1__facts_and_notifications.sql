-- Each account's tier as the last TierChanged on kam.account-tiers.v1 said; an account insight
-- has never heard of is REGULAR (account-service opens every account as REGULAR).
create table account_tier (
    account_id  text        primary key,
    tier        text        not null check (tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    as_of       timestamptz not null
);

-- Every sale collected from kam.sales.v1, with the tier its account had here when it arrived:
-- the facts later analysis (the barometer, forecasts) builds on.
create table sale_fact (
    event_id     uuid          primary key,
    account_id   text          not null,
    sku          text          not null,
    quantity     integer       not null check (quantity > 0),
    amount       numeric(19,4) not null check (amount >= 0),
    occurred_at  timestamptz   not null,
    tier_at_sale text          not null check (tier_at_sale in ('KEY', 'POTENTIAL', 'REGULAR')),
    collected_at timestamptz   not null default now()
);
create index sale_fact_occurred_at on sale_fact (occurred_at);
create index sale_fact_account on sale_fact (account_id, occurred_at);

-- What a department was told, and why; the id is the NotificationIssued event id. One event tells
-- a department one kind of thing at most once.
create table notification (
    id              uuid        primary key,
    department      text        not null
                                check (department in ('PRODUCTION', 'MARKETING', 'TRANSPORT', 'RESEARCH', 'SUPERVISORS')),
    kind            text        not null,
    account_id      text,
    sku             text,
    message         text        not null,
    source_event_id uuid        not null,
    occurred_at     timestamptz not null,
    created_at      timestamptz not null default now(),
    unique (source_event_id, department, kind)
);
create index notification_newest on notification (occurred_at desc);
create index notification_department_newest on notification (department, occurred_at desc);
