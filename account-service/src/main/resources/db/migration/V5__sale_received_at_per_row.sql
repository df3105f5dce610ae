-- A consumer now applies a polled batch in one transaction (docs/adr/0013): now() is the
-- transaction's start, the same for every sale of the batch. clock_timestamp() keeps each sale's own
-- arrival time, increasing in the order the sales were applied.
alter table sale alter column received_at set default clock_timestamp();
