-- The "reasonable stock level" agreed with a key account for a SKU. It overrides the forecast while
-- the account is KEY; it stays on record when the account leaves KEY and applies again if it returns.
create table agreed_stock_level (
    account_id text        not null,
    sku        text        not null references product (sku),
    units      integer     not null check (units >= 0),
    note       text,
    set_by     text        not null,
    updated_at timestamptz not null default now(),
    primary key (account_id, sku)
);

-- What a protection's requested units rest on: the account's forecast demand (FORECAST) or its
-- agreed stock level (AGREED); null when its tier protects nothing. forecast_units is the account's
-- forecast demand for the SKU over the horizon (before any POTENTIAL share), null without history.
alter table reservation add column basis text check (basis in ('FORECAST', 'AGREED'));
alter table reservation add column forecast_units numeric(14, 2);

-- Sizing forecasts each account × SKU from sale_line, as of the latest sale supply knows.
create index sale_line_occurred_at on sale_line (occurred_at);
create index sale_line_account_sku on sale_line (account_id, sku, occurred_at);
