-- The quantity last published for a SKU's plan: a run publishes again only when the new quantity
-- moved away from it by more than the tolerance (or a date moved), not on every unit of drift.
alter table peak_plan add column published_quantity integer;
update peak_plan set published_quantity = shortfall;
alter table peak_plan alter column published_quantity set not null;
