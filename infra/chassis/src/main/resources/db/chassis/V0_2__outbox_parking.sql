-- A row Kafka refuses for reasons of its own (too large, topic unknown, not authorised) is tried a
-- few times, then parked: kept with the reason, skipped by the relay, listed and re-sendable by an
-- operator (GET/POST /api/v1/operations/outbox/parked). See docs/adr/0007.
alter table outbox_event add column attempts   integer     not null default 0;
alter table outbox_event add column last_error text;
alter table outbox_event add column parked_at  timestamptz;

-- The relay reads the rows that are not parked, in commit order.
create index outbox_event_waiting on outbox_event (id) where parked_at is null;

-- The inbox is purged by age (kam.inbox.retention); the purge walks this index.
create index processed_event_age on processed_event (processed_at);
