-- Issue 10, the portfolio views (R4.2.3): every tier an account has held and from when, so tier
-- distribution and migrations can be drawn over time. Kept by the Collector beside account_tier.
create table tier_history (
    event_id   uuid        primary key,     -- the TierChanged applied
    account_id text        not null,
    from_tier  text        not null check (from_tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    to_tier    text        not null check (to_tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    as_of      timestamptz not null,        -- business time of the change
    sequence   bigint      not null
);
create index tier_history_as_of on tier_history (as_of);
-- Changes applied before this table existed: their current tier, from when it was reached.
insert into tier_history (event_id, account_id, from_tier, to_tier, as_of, sequence)
select md5('tier-history/' || account_id)::uuid, account_id, 'REGULAR', tier, as_of, sequence
from account_tier where tier <> 'REGULAR';

-- Issue 10, stock per SKU for the dashboard: what supply-service last said it protects for each
-- account (ReservationChanged states the whole reservation of an account and SKU), and the units
-- key accounts could not get at once (KeyAccountStockOut), as they happened.
create table sku_protection (
    account_id text    not null,
    sku        text    not null,
    tier       text    not null,
    requested  integer not null check (requested >= 0),
    reserved   integer not null check (reserved >= 0),
    shortage   integer not null check (shortage >= 0),
    updated_at timestamptz not null,
    primary key (sku, account_id)
);

create table stock_out (
    event_id    uuid        primary key,
    sku         text        not null,
    account_id  text        not null,
    ordered     integer     not null,
    served      integer     not null,
    backordered integer     not null,
    cause       text        not null,
    received_at timestamptz not null
);
create index stock_out_sku on stock_out (sku, received_at desc);
