-- Technical products (spare parts, tooling) are flagged so planning can treat them apart.
alter table product add column technical boolean not null default false;

-- Where stock is kept. MAIN holds the stock set without naming a warehouse (PUT /products/{sku}
-- with onHand), so the products created before warehouses existed keep their stock.
create table warehouse (
    id         text        primary key,
    name       text        not null,
    region     text,
    updated_at timestamptz not null default now()
);
insert into warehouse (id, name) values ('MAIN', 'Main warehouse');

-- Units on hand per SKU and warehouse. product.on_hand stays the SKU's total, kept equal to the sum
-- of these rows in the transaction that changes them, because protections share the SKU total.
create table stock (
    sku          text        not null references product (sku),
    warehouse_id text        not null references warehouse (id),
    on_hand      integer     not null check (on_hand >= 0),
    updated_at   timestamptz not null default now(),
    primary key (sku, warehouse_id)
);
insert into stock (sku, warehouse_id, on_hand) select sku, 'MAIN', on_hand from product;

-- Production orders and shipments on their way into a warehouse. Received supply stays, RECEIVED,
-- so a second receipt of the same supply can be refused instead of counted twice.
create table incoming_supply (
    id           uuid        primary key,
    kind         text        not null check (kind in ('PRODUCTION_ORDER', 'SHIPMENT')),
    sku          text        not null references product (sku),
    warehouse_id text        not null references warehouse (id),
    quantity     integer     not null check (quantity > 0),
    due_on       date        not null,
    status       text        not null check (status in ('EXPECTED', 'RECEIVED', 'CANCELLED')),
    created_at   timestamptz not null default now(),
    received_at  timestamptz
);
create index incoming_supply_sku on incoming_supply (sku, due_on);
