-- Issue 10, must 3: managers and experts judge what an item of news means — its impact, the effect
-- on demand they expect, the reaction they recommend — on request (an assignment) or of their own accord.
create table intelligence_assessment (
    item_id        uuid not null references intelligence_item (id),
    expert         text not null,
    assigned_by    text,
    assigned_at    timestamptz,
    impact         text check (impact in ('LOW', 'MEDIUM', 'HIGH')),
    demand_effect  text check (demand_effect in ('STRONG_DECREASE', 'DECREASE', 'NONE', 'INCREASE', 'STRONG_INCREASE')),
    reaction       text,
    assessed_at    timestamptz,
    primary key (item_id, expert)
);
