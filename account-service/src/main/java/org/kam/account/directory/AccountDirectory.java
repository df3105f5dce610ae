package org.kam.account.directory;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.kam.account.tiering.Tier;
import org.kam.account.tiering.Tiering;
import org.kam.account.value.AccountValues;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.web.ConflictException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The customer directory: master data, the customer group hierarchy and the supplier's assessment,
 * which feeds tiering.
 *
 * <p>Writes keep one lock order so that they cannot deadlock with sales, which hold a new account's
 * row (or a key-share lock on it) while they wait for the tiering lock: first the account row is
 * inserted or the hierarchy lock taken, then the tiering lock, and only then existing account rows
 * are updated (never locked {@code for update}, which a sale's key-share lock would block).
 * Everything that can be rejected is checked before the tiering lock, because a transaction that
 * rolls back after touching tiering makes it rebuild from the database.
 */
@Repository
public class AccountDirectory {

    private static final long HIERARCHY_LOCK = 0x6b616d_68696572L; // "kam" "hier"
    private static final String COLUMNS = """
            id, name, industry, region, parent_id, opened_on, owner, financial_strength, core_competence,
            growth_potential, tier, computed_tier""";

    private final JdbcTemplate jdbc;
    private final Tiering tiering;
    private final AccountValues values;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    AccountDirectory(JdbcTemplate jdbc, Tiering tiering, AccountValues values, Outbox outbox, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.tiering = tiering;
        this.values = values;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    // --- reading -----------------------------------------------------------------------------

    public Optional<Account> find(String id) {
        return withStandings(jdbc.query("select " + COLUMNS + " from account where id = ?", AccountDirectory::account,
                id)).stream().findFirst();
    }

    /** The account with its children, the roll-up of its group and its long-term value. */
    public Optional<AccountView> view(String id) {
        Optional<Account> found = find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Account account = found.get();
        List<String> children = new ArrayList<>();
        List<String> group = new ArrayList<>(List.of(id));
        // The path guards against a cycle that only a direct database edit could have made.
        jdbc.query("""
                with recursive subtree (id, depth, path) as (
                    select id, 1, array[parent_id, id] from account where parent_id = ?
                    union all
                    select a.id, s.depth + 1, s.path || a.id
                    from account a join subtree s on a.parent_id = s.id
                    where a.id <> all (s.path)
                )
                select id, depth from subtree order by depth, id""",
                rs -> {
                    group.add(rs.getString(1));
                    if (rs.getInt(2) == 1) {
                        children.add(rs.getString(1));
                    }
                }, id);
        AccountView.Rollup rollup = null;
        if (!children.isEmpty()) {
            BigDecimal revenue = tiering.standings(group).values().stream().map(Tiering.Standing::windowRevenue)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            rollup = new AccountView.Rollup(group.size(), revenue);
        }
        return Optional.of(new AccountView(account, children, rollup, values.longTermValue(id).orElse(null)));
    }

    public AccountPage list(AccountFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (filter.tier() != null) {
            where.append(" and tier = ?");
            args.add(filter.tier().name());
        }
        equal(where, args, "region", filter.region());
        equal(where, args, "industry", filter.industry());
        equal(where, args, "owner", filter.owner());
        if (present(filter.text())) {
            where.append(" and (id ilike ? escape '\\' or name ilike ? escape '\\')");
            String pattern = "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(pattern);
            args.add(pattern);
        }
        Long total = jdbc.queryForObject("select count(*) from account" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<Account> items = withStandings(jdbc.query(
                "select " + COLUMNS + " from account" + where + " order by id limit ? offset ?",
                AccountDirectory::account, pageArgs.toArray()));
        long totalItems = total == null ? 0 : total;
        return new AccountPage(items, page, size, totalItems, (totalItems + size - 1) / size);
    }

    // --- writing -----------------------------------------------------------------------------

    /** Registers a new customer; a customer code already in the directory is a conflict. */
    @Transactional
    public void create(AccountDetails account) {
        checkParent(account);
        if (!insert(account)) {
            throw new ConflictException("Account " + account.id() + " already exists");
        }
        assessed(account);
        announce(account);
    }

    /** Creates the customer or replaces its master data and assessment; true when it was created. */
    @Transactional
    public boolean save(AccountDetails account) {
        checkParent(account);
        if (insert(account)) {
            assessed(account);
            announce(account);
            return true;
        }
        tiering.warmUp(); // takes the tiering lock before an existing row is touched (see the class comment)
        Map<String, Object> before = jdbc.queryForMap("""
                select name, region, parent_id, opened_on, owner,
                       financial_strength, core_competence, growth_potential from account
                where id = ? for no key update""", account.id());
        jdbc.update("""
                update account set name = ?, industry = ?, region = ?, parent_id = ?, opened_on = ?, owner = ?,
                                   financial_strength = ?, core_competence = ?, growth_potential = ?,
                                   updated_at = now()
                where id = ?""",
                account.name(), account.industry(), account.region(), account.parentId(), account.openedOn(),
                account.owner(), account.financialStrength(), account.coreCompetence(), account.growthPotential(),
                account.id());
        if (!account.sameAssessmentAs(score(before, "financial_strength"), score(before, "core_competence"),
                score(before, "growth_potential"))) {
            assessed(account);
        }
        if (!Objects.equals(before.get("name"), account.name()) || !Objects.equals(before.get("region"), account.region())
                || !Objects.equals(before.get("parent_id"), account.parentId())
                || !Objects.equals(before.get("owner"), account.owner())
                || !Objects.equals(openedOn(before.get("opened_on")), account.openedOn())) {
            announce(account);
        }
        return false;
    }

    private static LocalDate openedOn(Object column) {
        return column == null ? null : ((java.sql.Date) column).toLocalDate();
    }

    /** {@code AccountDetailsChanged}, in the transaction that changed them (only when a published field changed). */
    private void announce(AccountDetails account) {
        outbox.append(AccountDetailsChanged.of(account, clock.instant()).outgoing(json));
    }

    private boolean insert(AccountDetails account) {
        return jdbc.update("""
                insert into account (id, name, industry, region, parent_id, opened_on, owner,
                                     financial_strength, core_competence, growth_potential)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do nothing""",
                account.id(), account.name(), account.industry(), account.region(), account.parentId(),
                account.openedOn(), account.owner(), account.financialStrength(), account.coreCompetence(),
                account.growthPotential()) == 1;
    }

    private void assessed(AccountDetails account) {
        tiering.assessed(account.id(), account.financialStrength(), account.coreCompetence(),
                account.growthPotential());
    }

    /** The parent must exist and must not be the account or below it. */
    private void checkParent(AccountDetails account) {
        String parentId = account.parentId();
        if (parentId == null) {
            return;
        }
        if (parentId.equals(account.id())) {
            throw new InvalidEventException("parentId", "must not be the account itself");
        }
        // One hierarchy change at a time: two changes each checked on its own could close a cycle together.
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, HIERARCHY_LOCK);
        List<String> parentAndAbove = jdbc.queryForList("""
                with recursive above (id, parent_id) as (
                    select id, parent_id from account where id = ?
                    union
                    select a.id, a.parent_id from account a join above on a.id = above.parent_id
                )
                select id from above""", String.class, parentId);
        if (parentAndAbove.isEmpty()) {
            throw new InvalidEventException("parentId", "no account " + parentId);
        }
        if (parentAndAbove.contains(account.id())) {
            throw new InvalidEventException("parentId",
                    "would make a cycle: " + account.id() + " is already above " + parentId);
        }
    }

    private List<Account> withStandings(List<Account> accounts) {
        if (accounts.isEmpty()) {
            return accounts;
        }
        Map<String, Tiering.Standing> standings = tiering.standings(accounts.stream().map(Account::id).toList());
        return accounts.stream().map(a -> {
            Tiering.Standing standing = standings.get(a.id());
            return a.withStanding(standing.computedTier(), standing.windowRevenue());
        }).toList();
    }

    private static void equal(StringBuilder where, List<Object> args, String column, String value) {
        if (present(value)) {
            where.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Integer score(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).intValue();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("name"), rs.getString("industry"), rs.getString("region"),
                rs.getString("parent_id"), rs.getObject("opened_on", LocalDate.class), rs.getString("owner"),
                rs.getObject("financial_strength", Integer.class),
                rs.getObject("core_competence", Integer.class), rs.getObject("growth_potential", Integer.class),
                Tier.valueOf(rs.getString("tier")), Tier.valueOf(rs.getString("computed_tier")), null);
    }
}
