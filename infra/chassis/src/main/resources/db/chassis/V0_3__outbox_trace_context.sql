-- The W3C trace context (traceparent) current when the event was appended; the relay sends it as
-- the record's traceparent header, so the consumers' work joins the same trace (docs/adr/0012).
alter table outbox_event add column trace_parent text;
