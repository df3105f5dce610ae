-- The catalogue: what can be sold and how much of it is in stock.
create table product (
    sku          text        primary key,
    name         text        not null,
    product_line text,
    on_hand      integer     not null check (on_hand >= 0),
    updated_at   timestamptz not null default now()
);

-- Each account's latest tier as announced on kam.account-tiers.v1; an account not here is not KEY.
create table account_tier (
    account_id text        primary key,
    tier       text        not null check (tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    as_of      timestamptz not null
);

-- The sales supply needs to size protections: who bought how much of what, when (event time).
create table sale_line (
    event_id    uuid        primary key,
    account_id  text        not null,
    sku         text        not null,
    quantity    integer     not null check (quantity > 0),
    occurred_at timestamptz not null
);
create index sale_line_account on sale_line (account_id, occurred_at);

-- Stock protected for one account and SKU. A released protection stays with requested = reserved = 0.
-- created_at orders who gets stock first: it is when the protection (re)started.
create table reservation (
    account_id text        not null,
    sku        text        not null,
    tier       text        not null check (tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    requested  integer     not null check (requested >= 0),
    reserved   integer     not null check (reserved >= 0 and reserved <= requested),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (account_id, sku)
);
create index reservation_sku on reservation (sku, created_at);
