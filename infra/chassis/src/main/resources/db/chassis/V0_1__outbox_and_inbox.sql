-- Shared by every KAM service (see docs/adr/0002-reliable-messaging.md).
-- Events waiting to be relayed to Kafka; a row is written in the same transaction as the
-- business change it announces and deleted once the broker has acknowledged it (acks=all).
create table outbox_event (
    id          bigserial   primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- Event ids a consumer has already applied, written in the same transaction as its side effects,
-- so a redelivered event changes nothing.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
