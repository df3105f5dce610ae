-- Protections still to be sized (ADR 14): a tier change marks the whole account (sku null), a sale
-- of a KEY or POTENTIAL account the SKU sold. The sizer works the oldest first and deletes what it
-- sized, so a burst of changes to one account (a replayed history moves it between tiers again and
-- again) costs one sizing, not one per change.
create table protection_due (
    account_id text        not null,
    sku        text,
    due_since  timestamptz not null default clock_timestamp()
);
create unique index protection_due_once on protection_due (account_id, coalesce(sku, ''));
create index protection_due_oldest on protection_due (due_since);
