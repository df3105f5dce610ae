-- A consumer now applies a polled batch in one transaction (docs/adr/0013): now() is the
-- transaction's start, the same for every fact of the batch. clock_timestamp() keeps each fact's own
-- time, increasing in the order the sales were applied.
alter table sale_fact alter column collected_at set default clock_timestamp();
