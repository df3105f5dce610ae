-- Issue 10, organisation of information (R4.2.2): items merged from near-duplicate reports, each
-- source organisation's reliability, people's classification rules, gap-free numbers per year.

create table source_organisation (
    name         text primary key,            -- as reports name it; matched ignoring case
    reliability  char(1) not null default 'F' check (reliability in ('A', 'B', 'C', 'D', 'E', 'F')),
    group_name   text,                        -- organisations of one group are not independent
    updated_at   timestamptz not null
);
create unique index source_organisation_lower on source_organisation (lower(name));

create table intelligence_item (
    id                uuid primary key,
    number            text not null unique,   -- INT-2026-000042
    title             text not null,
    text              text,
    information_class text not null,
    class_rule        uuid,                   -- the rule that classified it; null: OTHER by default
    standing          text not null check (standing in ('CONFIRMED', 'UNCONFIRMED', 'DISPUTED', 'REJECTED')),
    credibility       smallint not null check (credibility between 1 and 6),
    accounts          text[] not null default '{}',
    product_lines     text[] not null default '{}',
    signature         int[] not null,         -- MinHash of title and text
    first_reported    date not null,
    rejected_reason   text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create index intelligence_item_class on intelligence_item (information_class, created_at desc);
create index intelligence_item_accounts on intelligence_item using gin (accounts);

-- LSH bands of each item's signature: reports agreeing on a band are candidates for one item.
create table intelligence_band (
    band     smallint not null,
    hash     int not null,
    item_id  uuid not null references intelligence_item (id),
    primary key (band, hash, item_id)
);

create table intelligence_report (
    id             uuid primary key,
    item_id        uuid not null references intelligence_item (id),
    source         text not null,             -- the feed or person: "Reuters wire", "visit report"
    organisation   text not null,
    reported_on    date not null,
    title          text not null,
    text           text,
    link           text,
    accounts       text[] not null default '{}',
    product_lines  text[] not null default '{}',
    contradicts    boolean not null default false,
    filed_by       text,
    created_at     timestamptz not null
);
create index intelligence_report_item on intelligence_report (item_id, created_at);

-- The last number given per year; taken under a row lock in the transaction that creates the item,
-- so a rolled-back item gives its number back and the numbers have no gaps.
create table intelligence_counter (
    year  int primary key,
    last  int not null
);

create table classification_rule (
    id                uuid primary key,
    information_class text not null,
    keywords          text[] not null,
    priority          int not null,
    created_at        timestamptz not null
);

insert into classification_rule (id, information_class, keywords, priority, created_at) values
    ('00000000-0000-0000-0000-000000000001', 'REGULATION', '{regulation,directive,ban,phase down,phase-down,tariff,subsidy,standard,law}', 10, now()),
    ('00000000-0000-0000-0000-000000000002', 'LOGISTICS', '{port,strike,freight,rail,shipping,carrier,container,lead time,lead times,delivery times}', 20, now()),
    ('00000000-0000-0000-0000-000000000003', 'COMPETITOR', '{competitor,launches,launched,unveils,rival}', 30, now()),
    ('00000000-0000-0000-0000-000000000004', 'PRODUCT', '{recall,recalls,defect,quality,new model}', 40, now()),
    ('00000000-0000-0000-0000-000000000005', 'CUSTOMER', '{acquires,acquired,buys,chief executive,appointed,award,opens,campus,plant,factory}', 50, now()),
    ('00000000-0000-0000-0000-000000000006', 'MARKET', '{price,prices,sales,demand,market,record high}', 60, now());
