-- When the stock of a SKU was last counted (set over the API). A sale dated before the count is
-- already in it, so it does not take stock again; replayed and imported history stays history.
alter table product add column counted_at timestamptz;
update product set counted_at = updated_at;

-- Every sale of a catalogue product after its stock count is an order to serve: what it got at
-- once (from the buyer's protection, from free stock), what it got later from arriving supply, and
-- what it is still owed. Orders still owed units are the backorders.
create table customer_order (
    order_id        uuid        primary key, -- the sale's eventId on kam.sales.v1
    account_id      text        not null,
    sku             text        not null references product (sku),
    quantity        integer     not null check (quantity > 0),
    ordered_at      timestamptz not null,
    tier            text        not null check (tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    from_protection integer     not null check (from_protection >= 0),
    from_free_stock integer     not null check (from_free_stock >= 0),
    served_later    integer     not null default 0 check (served_later >= 0),
    owed            integer     not null check (owed >= 0),
    allocated_at    timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (from_protection + from_free_stock + served_later + owed = quantity)
);
create index customer_order_owed on customer_order (sku, ordered_at) where owed > 0;
create index customer_order_account on customer_order (account_id, ordered_at);
