-- Counts the committed changes to tiering (sales applied, overrides, rule changes, assessments).
-- An instance whose in-memory engine was built at another version rebuilds it: the one leader
-- that applies sales keeps its engine current; another instance (serving reads, taking over when the
-- leader dies) notices what changed. See docs/adr/0008-one-tiering-writer.md.
create table tiering_state (
    id      integer primary key check (id = 1),
    version bigint  not null
);
insert into tiering_state (id, version) values (1, 0);
