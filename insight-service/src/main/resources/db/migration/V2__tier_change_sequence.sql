-- The sequence of the last TierChanged applied per account (account-service numbers one account's
-- changes in order): an older change replayed after a newer one is ignored. 0: not numbered.
alter table account_tier add column sequence bigint not null default 0;
