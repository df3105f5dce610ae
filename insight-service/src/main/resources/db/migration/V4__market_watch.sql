-- Issue 10, the barometer's watch (R4.1): how far each key account's weekly sales have been judged
-- against their baseline, and the deviations found (each published once as MarketSignal).
create table market_watch (
    account_id    text primary key,
    judged_up_to  date not null            -- the Monday of the last week judged
);

create table market_signal (
    event_id    uuid primary key,          -- the MarketSignal's eventId, derived from account, week and kind
    scope       text not null check (scope in ('ACCOUNT', 'PRODUCT_LINE')),
    account_id  text,
    week_start  date not null,
    kind        text not null check (kind in ('SPIKE', 'DROP', 'LEVEL_UP', 'LEVEL_DOWN')),
    value       numeric(19, 2) not null,
    baseline    numeric(19, 2) not null,
    score       numeric(9, 2) not null,
    created_at  timestamptz not null
);
create index market_signal_account on market_signal (account_id, week_start desc);
