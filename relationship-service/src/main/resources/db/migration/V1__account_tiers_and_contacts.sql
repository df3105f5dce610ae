-- Every account's tier as last announced on kam.account-tiers.v1; since is the business clock
-- (asOf) of the change that put the account into its current tier.
create table account_tier (
    account_id  text        primary key,
    tier        text        not null check (tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    since       timestamptz not null
);
create index account_tier_tier on account_tier (tier);

-- The people the supplier knows at a customer, at every level of its organisation.
create table contact (
    id          uuid        primary key,
    account_id  text        not null,
    name        text        not null,
    level       text        not null check (level in ('EXECUTIVE', 'MANAGER', 'FRONTLINE')),
    role        text,
    email       text,
    phone       text,
    created_at  timestamptz not null default now()
);
create index contact_account on contact (account_id, created_at);
