-- The units protected on each SKU (the sum of its protections' reserved units), kept by the
-- database as protections change (ADR 13 §15). Allocating a sale needs that sum and the buyer's own
-- protection; with the sum read from here, a consumer's batch no longer reads every protection of
-- every SKU it sells (tens of thousands of rows a batch once key accounts number in the thousands).
create table sku_protected (
    sku   text   primary key,
    units bigint not null
);

insert into sku_protected (sku, units)
select sku, sum(reserved) from reservation group by sku;

-- Statement-level: one aggregated upsert per statement on reservation, whatever number of rows it
-- changed (an insert ... on conflict do update fires both the insert and the update trigger, each
-- with its own rows). Rows are taken in SKU order, so two writers never wait for each other in a
-- circle here. (No check on units: an insert's proposed row, negative for a delete, is checked
-- before the conflict turns it into an update; ReservationTotalsIT compares with the sums.)
create function sku_protected_follow() returns trigger language plpgsql as $$
begin
    if tg_op = 'TRUNCATE' then
        delete from sku_protected;
    elsif tg_op = 'INSERT' then
        insert into sku_protected as t (sku, units)
        select sku, sum(reserved) from new_rows group by sku having sum(reserved) <> 0 order by sku
        on conflict (sku) do update set units = t.units + excluded.units;
    elsif tg_op = 'UPDATE' then
        insert into sku_protected as t (sku, units)
        select sku, sum(delta) from (select sku, reserved as delta from new_rows
                                     union all
                                     select sku, -reserved from old_rows) change
        group by sku having sum(delta) <> 0 order by sku
        on conflict (sku) do update set units = t.units + excluded.units;
    else
        insert into sku_protected as t (sku, units)
        select sku, -sum(reserved) from old_rows group by sku having sum(reserved) <> 0 order by sku
        on conflict (sku) do update set units = t.units + excluded.units;
    end if;
    return null;
end
$$;

create trigger reservation_inserted_protected after insert on reservation
    referencing new table as new_rows for each statement execute function sku_protected_follow();
create trigger reservation_updated_protected after update on reservation
    referencing old table as old_rows new table as new_rows for each statement execute function sku_protected_follow();
create trigger reservation_deleted_protected after delete on reservation
    referencing old table as old_rows for each statement execute function sku_protected_follow();
create trigger reservation_truncated_protected after truncate on reservation
    for each statement execute function sku_protected_follow();
