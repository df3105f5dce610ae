-- The plan tier last announced (TierMoved) per account, and since when it may have moved (ADR 14):
-- a tier change only sets plan_due_since; PlanMoves compares the plan tier then with plan_tier and
-- announces the difference, once, however many changes came in between. Existing accounts start
-- from the plan tier they have now (the default 90-day grace of kam.relationship.key-grace).
alter table account_tier add column plan_tier text;
alter table account_tier add column plan_due_since timestamptz;
update account_tier
   set plan_tier = case when tier <> 'KEY' and key_left_at is not null and key_left_at > now() - interval '90 days'
                        then 'KEY' else tier end;
create index account_tier_plan_due on account_tier (plan_due_since) where plan_due_since is not null;
