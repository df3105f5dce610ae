-- Issue 10: MANAGEMENT's periodic digest, and the departments named as the issue names them.
-- RESEARCH and SUPERVISORS were never sent anything, so they are renamed, not kept beside.
alter table notification drop constraint notification_department_check;
update notification set department = 'PRODUCT_DEVELOPMENT' where department = 'RESEARCH';
update notification set department = 'MANAGEMENT' where department = 'SUPERVISORS';
alter table notification add constraint notification_department_check
    check (department in ('PRODUCTION', 'PRODUCT_DEVELOPMENT', 'MARKETING', 'TRANSPORT', 'MANAGEMENT'));

create table digest (
    id            uuid primary key,
    issued_at     timestamptz not null,
    revenue_from  timestamptz not null,
    revenue_to    timestamptz not null,
    body          jsonb not null
);
create index digest_issued on digest (issued_at desc);
