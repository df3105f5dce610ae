-- The customer directory's master data, the supplier's assessment, and manual tier overrides.
-- account.tier stays the tier published on kam.account-tiers.v1 (the effective tier);
-- computed_tier is what the rule says, override_tier what a person decided instead.
alter table account
    drop column window_revenue,
    add column parent_id            text references account (id),
    add column owner                text,
    add column opened_on            date,
    add column financial_strength   smallint check (financial_strength between 1 and 5),
    add column core_competence      smallint check (core_competence between 1 and 5),
    add column growth_potential     smallint check (growth_potential between 1 and 5),
    add column computed_tier        text not null default 'REGULAR'
                                    check (computed_tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    add column override_tier        text check (override_tier in ('KEY', 'POTENTIAL', 'REGULAR')),
    add column override_reason      text,
    add column override_expires_at  timestamptz,
    add column override_by          text,
    add column override_at          timestamptz;
update account set computed_tier = tier;
create index account_parent on account (parent_id);
create index account_region on account (region);
create index account_industry on account (industry);
create index account_owner on account (owner);
create index account_override_expiry on account (override_expires_at) where override_expires_at is not null;

-- The tiering rule in force (one row). Absent until someone changes it: then the configured
-- defaults apply.
create table tiering_rule (
    id                    smallint      primary key default 1 check (id = 1),
    window_seconds        bigint        not null,
    recent_window_seconds bigint        not null,
    key_revenue_share     numeric(9,6)  not null,
    potential_growth      numeric(12,6) not null,
    potential_assessment  numeric(9,6)  not null,
    changed_by            text          not null,
    changed_at            timestamptz   not null default now()
);

-- Who overrode which tier, when and why; kept after the override ends.
create table tier_override_audit (
    id          bigserial   primary key,
    account_id  text        not null references account (id),
    action      text        not null check (action in ('SET', 'CLEARED', 'EXPIRED')),
    tier        text,
    reason      text,
    expires_at  timestamptz,
    actor       text        not null,
    at          timestamptz not null default now()
);
create index tier_override_audit_account on tier_override_audit (account_id, id);
