-- Issue 9: the relationship map, staff, plans, visits, key dates, alerts, training, and what the
-- briefings are built from (all learnt from other services' events, never asked for).

-- --- Accounts as the directory announces them (kam.accounts.v1) -------------------------------
create table account_detail (
    account_id       text primary key,
    name             text not null,
    region           text,
    parent_id        text,
    opened_on        date,
    directory_owner  text,
    updated_at       timestamptz not null
);

-- --- Supplier staff and their own hierarchy -----------------------------------------------------
create table staff (
    id             text primary key,
    name           text not null,
    title          text,
    supervisor_id  text references staff (id),
    executive      boolean not null default false,
    visit_budget   numeric(4, 3),          -- share of working days for visits; null: the configured default
    home_region    text,
    updated_at     timestamptz not null default now()
);
create index staff_supervisor on staff (supervisor_id);

-- --- The relationship map: a person, and dated links to the customers they work at ---------------
alter table contact add column updated_at timestamptz not null default now();

create table contact_link (
    id              uuid primary key,
    contact_id      uuid not null references contact (id),
    account_id      text not null,
    valid_from      date not null,
    valid_to        date,                   -- last day at the customer; null: still there
    level           text not null check (level in ('EXECUTIVE', 'MANAGER', 'FRONTLINE')),
    title           text,
    roles           text[] not null default '{}',
    influence       smallint check (influence between 1 and 5),
    strength        smallint check (strength between 1 and 5),
    stance          text check (stance in ('CHAMPION', 'SUPPORTER', 'NEUTRAL', 'SCEPTIC', 'OPPONENT')),
    reports_to      uuid references contact (id),
    owner_staff_id  text references staff (id),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    check (valid_to is null or valid_to >= valid_from)
);
create index contact_link_account on contact_link (account_id, valid_to);
create index contact_link_contact on contact_link (contact_id, valid_from);
-- One open link per person and customer: a person who comes back gets a new link, after the old one ended.
create unique index contact_link_open on contact_link (contact_id, account_id) where valid_to is null;

insert into contact_link (id, contact_id, account_id, valid_from, level, title, created_at, updated_at)
select id, id, account_id, (created_at at time zone 'UTC')::date, level, role, created_at, created_at
from contact;
-- The person keeps name and how to reach them; where they work, at which level and as what is the link's.
alter table contact drop column account_id, drop column level, drop column role;

-- --- The relationship plan of an account ---------------------------------------------------------
create table account_plan (
    account_id     text primary key,
    owner_staff_id text references staff (id),
    started_at     timestamptz not null
);
-- When (the business time, asOf) the account last left KEY; its plan stays a KEY plan until that plus the grace period.
alter table account_tier add column key_left_at timestamptz;
-- account-service's cause of the change to the current tier (SALE, ASSESSMENT, OVERRIDE, …), for briefings.
alter table account_tier add column cause text;

-- Coverage requirements an account misses now (published as CoverageGap once, CoverageRestored once).
create table coverage_gap (
    account_id   text not null,
    requirement  text not null,
    since        timestamptz not null,
    primary key (account_id, requirement)
);

-- --- Visits --------------------------------------------------------------------------------------
create table visit (
    id          uuid primary key,
    account_id  text not null,
    staff_id    text not null references staff (id),
    kind        text not null check (kind in ('EXECUTIVE', 'OWNER')),
    planned_on  date not null,
    trip_id     uuid,
    region      text,
    status      text not null check (status in ('PLANNED', 'DONE', 'CANCELLED')),
    source      text not null check (source in ('PLANNER', 'TIER_CHANGE', 'MANUAL')),
    outcome     text check (outcome in ('POSITIVE', 'NEUTRAL', 'NEGATIVE', 'NO_SHOW')),
    notes       text,
    next_steps  text,
    done_on     date,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index visit_staff_day on visit (staff_id, planned_on);
create index visit_account on visit (account_id, kind, status, planned_on);

-- A visit that fell due unplanned, once per account, kind and due date (VisitOverdue).
create table visit_overdue (
    account_id  text not null,
    kind        text not null,
    due_on      date not null,
    raised_at   timestamptz not null,
    primary key (account_id, kind, due_on)
);

-- --- Key dates, business news, alerts ------------------------------------------------------------
create table key_date (
    id          uuid primary key,
    account_id  text not null,
    kind        text not null,
    title       text not null,
    on_date     date not null,
    yearly      boolean not null,
    notes       text,
    source      text not null check (source in ('DIRECTORY', 'MANUAL')),
    created_at  timestamptz not null
);
create index key_date_account on key_date (account_id);
-- The opening anniversary the directory announces: one per account, replaced when it changes.
create unique index key_date_from_directory on key_date (account_id) where source = 'DIRECTORY';

create table business_news (
    id           uuid primary key,
    account_id   text not null,
    kind         text not null,
    headline     text not null,
    happened_on  date not null,
    notes        text,
    created_at   timestamptz not null
);
create index business_news_account on business_news (account_id, happened_on desc);

create table alert (
    id                uuid primary key,
    key_date_id       uuid not null references key_date (id) on delete cascade,
    account_id        text not null,
    occurs_on         date not null,
    owner_staff_id    text,                -- whom it was raised for
    assignee_staff_id text,                -- who holds it now (the owner, then up the hierarchy)
    escalation_level  int not null default 0,
    raised_at         timestamptz not null,
    respond_by        timestamptz not null,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    unique (key_date_id, occurs_on)
);
create index alert_assignee on alert (assignee_staff_id) where acknowledged_at is null;
create index alert_open on alert (respond_by) where acknowledged_at is null;

-- --- Frontline training --------------------------------------------------------------------------
create table product (
    sku           text primary key,
    name          text not null,
    product_line  text,
    technical     boolean not null,
    updated_at    timestamptz not null
);

create table training_session (
    id            uuid primary key,
    account_id    text not null,
    product_line  text not null,
    held_on       date not null,
    expires_on    date not null,
    trainer       text,
    created_at    timestamptz not null,
    check (expires_on > held_on)
);
create table training_attendance (
    session_id  uuid not null references training_session (id),
    contact_id  uuid not null references contact (id),
    primary key (session_id, contact_id)
);
create index training_session_account on training_session (account_id, product_line);

-- What each account bought, per SKU, and when last: a sale may arrive before its product does.
create table account_sku_purchase (
    account_id   text not null,
    sku          text not null,
    last_bought  timestamptz not null,
    primary key (account_id, sku)
);
create index account_sku_purchase_sku on account_sku_purchase (sku);

-- An open need: TrainingNeeded was published; closed when trained frontline staff are recorded.
create table training_need (
    account_id    text not null,
    product_line  text not null,
    raised_at     timestamptz not null,
    met_at        timestamptz
);
create unique index training_need_open on training_need (account_id, product_line) where met_at is null;

-- --- For briefings: sales per month, protections, stock-outs -------------------------------------
create table account_sales_month (
    account_id  text not null,
    month       date not null,
    amount      numeric(20, 4) not null,
    lines       int not null,
    primary key (account_id, month)
);
create table account_protection (
    account_id  text not null,
    sku         text not null,
    reserved    int not null,
    requested   int not null,
    shortage    int not null,
    updated_at  timestamptz not null,
    primary key (account_id, sku)
);
create table account_stock_out (
    event_id     uuid primary key,
    account_id   text not null,
    sku          text not null,
    ordered      int not null,
    backordered  int not null,
    cause        text not null,
    occurred_at  timestamptz not null
);
create index account_stock_out_account on account_stock_out (account_id, occurred_at desc);
