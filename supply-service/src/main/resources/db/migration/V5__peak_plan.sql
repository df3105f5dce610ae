-- The current peak-season plan of each SKU at risk (issue 4, must 6): one row per SKU, replaced by
-- every planning run and removed when the risk is gone. It is what GET /api/v1/peak-plan shows and
-- what a run compares with, so only a new or changed quantity or date is published again.
create table peak_plan (
    sku                text        primary key,
    on_hand            integer     not null,
    incoming           integer     not null,
    projected_stock    integer     not null,
    peak_week          date        not null,
    peak_week_demand   integer     not null,
    first_short_week   date        not null,
    shortfall          integer     not null check (shortfall > 0),
    needed_by          date        not null,
    ship_by            date        not null,
    latest_start       date        not null,
    production_late    boolean     not null,
    days_late          integer     not null,
    transport_late     boolean     not null,
    -- [{"accountId":…,"tier":…,"units":…}], largest first: shown and published as a whole
    accounts_at_risk   jsonb       not null,
    planned_on         date        not null,
    updated_at         timestamptz not null default now()
);
