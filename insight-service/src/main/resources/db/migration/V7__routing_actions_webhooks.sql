-- Issue 10, must 4: every notification has a severity and is routed by rules people edit;
-- notifications are acknowledged, turned into actions that escalate when overdue, and delivered to
-- webhooks with retries, then parked.
alter table notification add column severity text not null default 'INFO'
    check (severity in ('INFO', 'WARNING', 'CRITICAL'));
alter table notification add column tier text check (tier in ('KEY', 'POTENTIAL', 'REGULAR'));
alter table notification add column product_line text;
alter table notification add column acknowledged_at timestamptz;
alter table notification add column acknowledged_by text;
create index notification_open on notification (department, occurred_at desc) where acknowledged_at is null;

-- Routing rules (Alertmanager-like): in position order, a route that matches a notice's kind, tier,
-- product line and severity sends it to its departments (with its severity, when it sets one);
-- keep_defaults: the built-in departments are told too; continue_matching: later routes may match.
create table notification_route (
    id                bigserial primary key,
    position          integer not null,
    name              text    not null,
    kinds             text[]  not null default '{}',
    tiers             text[]  not null default '{}',
    product_lines     text[]  not null default '{}',
    min_severity      text    not null default 'INFO' check (min_severity in ('INFO', 'WARNING', 'CRITICAL')),
    departments       text[]  not null default '{}',
    severity          text    check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    keep_defaults     boolean not null default true,
    continue_matching boolean not null default false,
    created_at        timestamptz not null default now()
);

-- Each SKU's product line as supply-service announces it (ProductDetailsChanged, kam.products.v1).
create table product (
    sku          text primary key,
    name         text not null,
    product_line text,
    technical    boolean not null,
    updated_at   timestamptz not null
);

-- A notification turned into something someone must do by a date.
create table notification_action (
    id              uuid primary key,
    notification_id uuid not null references notification (id),
    owner           text not null,
    due_on          date not null,
    note            text,
    created_by      text not null,
    created_at      timestamptz not null,
    done_at         timestamptz,
    done_by         text,
    escalated_at    timestamptz
);
create index notification_action_open on notification_action (due_on) where done_at is null;

-- Where notifications are pushed, and each push: pending until the receiver answers 2xx; after the
-- last retry parked (visible, re-driven by hand).
create table webhook (
    id            uuid primary key,
    name          text    not null,
    url           text    not null,
    departments   text[]  not null default '{}',
    min_severity  text    not null default 'INFO' check (min_severity in ('INFO', 'WARNING', 'CRITICAL')),
    secret        text    not null,
    active        boolean not null default true,
    created_at    timestamptz not null
);

create table webhook_delivery (
    id              uuid primary key,
    webhook_id      uuid not null references webhook (id) on delete cascade,
    notification_id uuid not null references notification (id),
    status          text not null check (status in ('PENDING', 'DELIVERED', 'PARKED')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    last_status     integer,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (webhook_id, notification_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';

-- What relationship-service raised that is still open, for MANAGEMENT's digest: coverage gaps until
-- restored, key-date alerts until their date has passed (with the level they escalated to).
create table relationship_alert (
    id          text primary key,           -- coverage/<account>/<requirement> or key-date/<alertId>
    account_id  text not null,
    kind        text not null check (kind in ('COVERAGE_GAP', 'KEY_DATE')),
    title       text not null,
    occurs_on   date,
    level       integer not null default 0,
    opened_at   timestamptz not null,
    closed_at   timestamptz
);
