package org.kam.chassis.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kam.chassis.ChassisSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a transaction remembers (TransactionScoped), reads once (ReadPerTransaction), the locks it
 * takes once (TransactionLocks) and the rows it writes at its commit (RowsAtCommit), against a real PostgreSQL with the driver's
 * batch rewriting on, as the services run it.
 */
class TransactionScopedIT {

    static SimpleDriverDataSource dataSource;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static TransactionTemplate newTx;

    @BeforeAll
    static void startDatabase() throws Exception {
        dataSource = (SimpleDriverDataSource) ChassisSchema.create("tx_scoped_it_" + ProcessHandle.current().pid(), 0);
        Properties driver = new Properties();
        driver.setProperty("reWriteBatchedInserts", "true");
        dataSource.setConnectionProperties(driver);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table fact (id int primary key, name text not null)");
        var transactions = new DataSourceTransactionManager(dataSource);
        tx = new TransactionTemplate(transactions);
        newTx = new TransactionTemplate(transactions);
        newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @BeforeEach
    void noFacts() {
        jdbc.update("delete from fact");
    }

    private record Fact(int id, String name) {
    }

    private final RowsAtCommit<Fact> facts = new RowsAtCommit<>(jdbc, "insert into fact (id, name) values (?, ?)",
            (ps, fact) -> {
                ps.setInt(1, fact.id());
                ps.setString(2, fact.name());
            });

    private List<String> stored() {
        return jdbc.queryForList("select id || ' ' || name from fact order by id", String.class);
    }

    // --- TransactionScoped ------------------------------------------------------------------------

    @Test
    void aTransactionKeepsOneValueUntilItCompletesAndTheNextStartsAfresh() {
        AtomicInteger made = new AtomicInteger();
        TransactionScoped<List<String>> notes = new TransactionScoped<>(dataSource, () -> {
            made.incrementAndGet();
            return new ArrayList<>();
        });

        List<String> first = tx.execute(status -> {
            notes.current().add("a");
            notes.current().add("b");
            return List.copyOf(notes.current());
        });
        List<String> second = tx.execute(status -> List.copyOf(notes.current()));

        assertThat(first).containsExactly("a", "b");
        assertThat(second).isEmpty();
        assertThat(made).hasValue(2);
    }

    @Test
    void outsideATransactionAndInOneStartedInsideAnotherThereIsNone() {
        TransactionScoped<List<String>> notes = new TransactionScoped<>(dataSource, ArrayList::new);

        List<String> outer = tx.execute(status -> {
            notes.current().add("outer");
            Boolean noneInside = newTx.execute(inner -> notes.current() == null);
            assertThat(noneInside).isTrue();
            return List.copyOf(notes.current());
        });

        assertThat(notes.current()).isNull();
        assertThat(outer).containsExactly("outer");
    }

    // --- ReadPerTransaction -----------------------------------------------------------------------

    @Test
    void aValueIsReadOncePerTransactionIncludingNoneAndWhatTheTransactionWroteIsWhatItReadsNext() {
        jdbc.update("insert into fact (id, name) values (1, 'KEY')");
        List<Integer> reads = new ArrayList<>();
        ReadPerTransaction<Integer, String> names = new ReadPerTransaction<>(dataSource, id -> {
            reads.add(id);
            return jdbc.queryForList("select name from fact where id = ?", String.class, id).stream().findFirst()
                    .orElse(null);
        });

        List<String> seen = tx.execute(status -> {
            List<String> answers = new ArrayList<>();
            answers.add(names.get(1));
            answers.add(names.get(1));
            answers.add(String.valueOf(names.get(2)));
            answers.add(String.valueOf(names.get(2)));
            jdbc.update("update fact set name = 'REGULAR' where id = 1");
            names.wrote(1, "REGULAR");
            answers.add(names.get(1));
            jdbc.update("insert into fact (id, name) values (2, 'POTENTIAL')");
            names.forget(2);
            answers.add(names.get(2));
            return answers;
        });

        // then 1 and the missing 2 were read once each, the write answered without a read, and the
        // forgotten 2 was read again
        assertThat(seen).containsExactly("KEY", "KEY", "null", "null", "REGULAR", "POTENTIAL");
        assertThat(reads).containsExactly(1, 2, 2);
        // and the next transaction, and code outside one, read afresh
        reads.clear();
        String nextTransaction = tx.execute(status -> names.get(1));
        String outside = names.get(1);
        String insideANewOne = tx.execute(status -> newTx.execute(inner -> names.get(2)));
        assertThat(List.of(nextTransaction, outside, insideANewOne)).containsExactly("REGULAR", "REGULAR", "POTENTIAL");
        assertThat(reads).containsExactly(1, 1, 2);
    }

    @Test
    void readingAheadAsksOnceForTheKeysNotKnownYetAndRemembersTheMissingOnesAsNone() {
        jdbc.update("insert into fact (id, name) values (1, 'KEY'), (2, 'POTENTIAL'), (3, 'REGULAR')");
        List<Integer> singleReads = new ArrayList<>();
        List<List<Integer>> manyReads = new ArrayList<>();
        ReadPerTransaction<Integer, String> names = new ReadPerTransaction<>(dataSource, id -> {
            singleReads.add(id);
            return jdbc.queryForList("select name from fact where id = ?", String.class, id).stream().findFirst()
                    .orElse(null);
        }, ids -> {
            manyReads.add(List.copyOf(ids));
            java.util.Map<Integer, String> found = new java.util.HashMap<>();
            jdbc.query("select id, name from fact where id = any(?)", rs -> {
                found.put(rs.getInt(1), rs.getString(2));
            }, (Object) ids.toArray(Integer[]::new));
            return found;
        });

        // when a transaction knows 1 already, then reads 1, 2, 2 and the missing 9 ahead, and asks for all four
        List<String> seen = tx.execute(status -> {
            String first = names.get(1);
            names.readAhead(List.of(1, 2, 2, 9));
            names.readAhead(List.of(2, 9));
            return List.of(first, names.get(1), names.get(2), String.valueOf(names.get(9)), names.get(3));
        });

        // then 2 and 9 were read in one go, once (1 was known, the second look ahead knew both), 9 is
        // remembered as none, and only 1 and the unforeseen 3 were read one by one
        assertThat(seen).containsExactly("KEY", "KEY", "POTENTIAL", "null", "REGULAR");
        assertThat(manyReads).containsExactly(List.of(2, 9));
        assertThat(singleReads).containsExactly(1, 3);
        // and outside a transaction reading ahead reads nothing: each get reads then anyway
        names.readAhead(List.of(1, 2));
        assertThat(manyReads).hasSize(1);
        // and one made without a reader of many keys says so
        ReadPerTransaction<Integer, String> oneByOne = new ReadPerTransaction<>(dataSource, id -> null);
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> tx.executeWithoutResult(status -> oneByOne.readAhead(List.of(1))));
    }

    // --- TransactionLocks -------------------------------------------------------------------------

    @Test
    void aLockIsAskedForOncePerTransactionAndAgainInTheNext() {
        List<String> asked = new ArrayList<>();
        JdbcTemplate counting = new JdbcTemplate(dataSource) {
            @Override
            public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
                asked.add(sql.replaceAll(".*\\((.*)\\).*", "$1") + " " + List.of(args));
                return super.queryForObject(sql, requiredType, args);
            }
        };
        TransactionLocks locks = new TransactionLocks(counting);

        tx.executeWithoutResult(status -> {
            locks.lock(7, 1);
            locks.lock(7, 1);
            locks.lock(7, 2);
            locks.lock(7L);
            locks.lock(7L);
        });
        tx.executeWithoutResult(status -> locks.lock(7, 1));

        assertThat(asked).containsExactly("?, ? [7, 1]", "?, ? [7, 2]", "? [7]", "?, ? [7, 1]");
    }

    @Test
    void severalLocksAreTakenInOneStatementExceptThoseHeldAndAreHeldToTheCommit() {
        TransactionLocks locks = new TransactionLocks(jdbc);

        List<Long> heldInside = tx.execute(status -> {
            locks.lock(9, 5);
            locks.lockAll(9, List.of(30, 5, 12, 30));
            locks.lockAll(9, List.of(12, 5)); // all held already: nothing asked
            return jdbc.queryForList("""
                    select objid::bigint from pg_locks
                    where locktype = 'advisory' and classid = 9 and granted and pid = pg_backend_pid()
                    order by 1""", Long.class);
        });
        Long heldAfter = jdbc.queryForObject(
                "select count(*) from pg_locks where locktype = 'advisory' and classid = 9", Long.class);

        assertThat(heldInside).containsExactly(5L, 12L, 30L);
        assertThat(heldAfter).isZero();
    }

    @Test
    void aLockIsHeldToTheCommitAndTakenAgainByTheNextTransaction() throws Exception {
        TransactionLocks locks = new TransactionLocks(jdbc);
        try (Connection other = dataSource.getConnection()) {
            tx.executeWithoutResult(status -> {
                locks.lock(8, 1);
                locks.lock(8, 1);
                assertThat(tryLock(other, 8, 1)).as("held by the open transaction").isFalse();
            });
            assertThat(tryLock(other, 8, 1)).as("released at the commit, now the other session's").isTrue();

            // The next transaction must ask again, not trust the last one's memory: it waits and times out.
            assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                jdbc.execute("set local lock_timeout = 100");
                locks.lock(8, 1);
            })).hasMessageContaining("lock timeout");
            other.createStatement().execute("select pg_advisory_unlock_all()");
        }
    }

    private static boolean tryLock(Connection connection, int space, int key) {
        try (var statement = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, space);
            statement.setInt(2, key);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- RowsAtCommit -----------------------------------------------------------------------------

    @Test
    void rowsAreWrittenTogetherAtTheCommitNotBefore() {
        List<String> seenInside = tx.execute(status -> {
            IntStream.rangeClosed(1, 300).forEach(i -> facts.add(new Fact(i, "sale " + i)));
            return stored();
        });

        assertThat(seenInside).isEmpty();
        assertThat(stored()).hasSize(300).startsWith("1 sale 1", "2 sale 2").endsWith("300 sale 300");
    }

    @Test
    void rowsOfOneKeyAreMergedFirstSoTheUpsertTouchesEachRowOnce() {
        RowsAtCommit<Fact> totals = RowsAtCommit.merging(jdbc, """
                insert into fact (id, name) values (?, ?)
                on conflict (id) do update set name = fact.name || ' ' || excluded.name""",
                Fact::id, (earlier, later) -> new Fact(earlier.id(), earlier.name() + " " + later.name()), (ps, fact) -> {
                    ps.setInt(1, fact.id());
                    ps.setString(2, fact.name());
                });
        jdbc.update("insert into fact (id, name) values (1, 'a')");

        tx.executeWithoutResult(status -> {
            totals.add(new Fact(1, "b"));
            totals.add(new Fact(2, "x"));
            totals.add(new Fact(1, "c"));
            totals.add(new Fact(2, "y"));
            totals.add(new Fact(3, "z"));
        });

        assertThat(stored()).containsExactly("1 a b c", "2 x y", "3 z");
    }

    @Test
    void aTransactionThatRollsBackWritesNone() {
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            facts.add(new Fact(1, "sale 1"));
            throw new IllegalStateException("the batch failed");
        })).hasMessage("the batch failed");

        assertThat(stored()).isEmpty();
    }

    @Test
    void outsideATransactionAndInOneStartedInsideAnotherARowIsWrittenAtOnce() {
        facts.add(new Fact(1, "alone"));
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            facts.add(new Fact(2, "outer"));
            newTx.executeWithoutResult(inner -> facts.add(new Fact(3, "inner")));
            throw new IllegalStateException("the outer one fails");
        })).hasMessage("the outer one fails");

        assertThat(stored()).containsExactly("1 alone", "3 inner");
    }

    @Test
    void aRowTheDatabaseRefusesFailsTheCommitAndNothingOfTheTransactionStays() {
        jdbc.update("insert into fact (id, name) values (2, 'stored before')");

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.update("insert into fact (id, name) values (10, 'written at once')");
            facts.add(new Fact(1, "new"));
            facts.add(new Fact(2, "again"));
        })).hasMessageContaining("fact_pkey");

        assertThat(stored()).containsExactly("2 stored before");
    }
}
