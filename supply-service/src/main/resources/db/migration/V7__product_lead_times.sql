-- Lead times of one product, when they differ from the configured ones (kam.supply.peak-plan.*):
-- an imported part travels for weeks, a locally made one is produced in days. null: the defaults.
alter table product add column production_lead_days integer check (production_lead_days >= 0);
alter table product add column transport_lead_days  integer check (transport_lead_days >= 0);
