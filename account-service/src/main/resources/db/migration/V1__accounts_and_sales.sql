create table account (
    id                text          primary key,
    name              text          not null,
    industry          text,
    region            text,
    tier              text          not null default 'REGULAR'
                                    check (tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    window_revenue    numeric(19,4) not null default 0,
    created_at        timestamptz   not null default now(),
    updated_at        timestamptz   not null default now()
);
create index account_tier on account (tier);

-- Every sale ever received; the tiering window is computed from it.
create table sale (
    event_id    uuid          primary key,
    account_id  text          not null references account (id),
    order_id    text          not null,
    sku         text          not null,
    quantity    integer       not null check (quantity > 0),
    amount      numeric(19,4) not null check (amount >= 0),
    currency    char(3)       not null,
    occurred_at timestamptz   not null,
    received_at timestamptz   not null default now()
);
create index sale_occurred_at on sale (occurred_at);
create index sale_account on sale (account_id, occurred_at);

-- Every tier change with its cause, for explanation and audit.
create table tier_change (
    id              bigserial   primary key,
    event_id        uuid        not null unique,
    account_id      text        not null references account (id),
    from_tier       text        not null,
    to_tier         text        not null,
    as_of           timestamptz not null,
    cause           text        not null,
    cause_event_id  uuid,
    changed_at      timestamptz not null default now()
);
create index tier_change_account on tier_change (account_id, id);
