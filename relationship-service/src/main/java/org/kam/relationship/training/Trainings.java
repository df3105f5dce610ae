package org.kam.relationship.training;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.transaction.ReadPerTransaction;
import org.kam.chassis.transaction.RowsAtCommit;
import org.kam.chassis.transaction.TransactionScoped;
import org.kam.relationship.Topics;
import org.kam.relationship.account.AccountRegister;
import org.kam.relationship.activity.SaleArrived;
import org.kam.relationship.activity.SaleLine;
import org.kam.relationship.activity.SalesAhead;
import org.kam.relationship.contact.AccountContact;
import org.kam.relationship.contact.ContactBook;
import org.kam.relationship.contact.ContactsChanged;
import org.kam.relationship.contact.Level;
import org.kam.relationship.coverage.KeyAccounts;
import org.kam.relationship.coverage.Tier;
import org.kam.relationship.coverage.TierMoved;
import org.kam.relationship.coverage.TierMovesAhead;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Frontline training (R2.3). Owns {@code product}, {@code training_session},
 * {@code training_attendance}, {@code account_sku_purchase} and {@code training_need}. When a KEY
 * or POTENTIAL account buys a technical product line (the catalogue says which, on
 * kam.products.v1) and none of its current frontline contacts attended an unexpired training on
 * that line, {@code TrainingNeeded} is published once; the need stays open until such training is
 * recorded, and a later purchase after the training expired raises it again.
 */
@Service
public class Trainings {

    static final String PRODUCTS = "relationship-service.products";

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Clock clock;
    private final ContactBook contacts;
    private final KeyAccounts keyAccounts;
    private final AccountRegister accounts;
    private final Duration lookback;
    private final MeterRegistry meters;
    /**
     * Read when a product or a tier move arrives, in transactions of their own: a transaction's
     * purchases are kept per account and SKU (the latest) and stored at its commit, together.
     */
    private final RowsAtCommit<Purchase> purchases;
    private final ReadPerTransaction<String, Optional<String>> technicalLines;
    /** Each account's current frontline contacts, once per transaction; a change of contacts forgets the account's. */
    private final ReadPerTransaction<String, Set<UUID>> frontline;
    /**
     * The account × product line pairs a transaction's sales checked already: checking one again in
     * the same transaction finds what the first check found (nothing a sales batch does changes
     * contacts or trainings, and the need the first raised is open), so a large account's many sales
     * of a line cost one check.
     */
    private final TransactionScoped<Set<List<String>>> checkedForSales;
    /** The technical lines each account of a group of plan moves bought within the lookback ({@link #movesAhead}). */
    private final TransactionScoped<Map<String, List<String>>> linesOfMoves;

    Trainings(JdbcTemplate jdbc, Inbox inbox, Outbox outbox, Clock clock, ContactBook contacts, KeyAccounts keyAccounts,
            AccountRegister accounts, @Value("${kam.relationship.training.lookback}") Duration lookback,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
        this.contacts = contacts;
        this.keyAccounts = keyAccounts;
        this.accounts = accounts;
        this.lookback = lookback;
        this.meters = meters;
        this.technicalLines = new ReadPerTransaction<>(jdbc.getDataSource(), this::storedTechnicalLine,
                this::storedTechnicalLines);
        this.frontline = new ReadPerTransaction<>(jdbc.getDataSource(), this::storedFrontline, this::storedFrontlines);
        this.checkedForSales = new TransactionScoped<>(jdbc.getDataSource(), HashSet::new);
        this.linesOfMoves = new TransactionScoped<>(jdbc.getDataSource(), HashMap::new);
        this.purchases = RowsAtCommit.merging(jdbc, """
                insert into account_sku_purchase (account_id, sku, last_bought) values (?, ?, ?)
                on conflict (account_id, sku) do update
                   set last_bought = greatest(account_sku_purchase.last_bought, excluded.last_bought)""",
                purchase -> List.of(purchase.accountId(), purchase.sku()), Purchase::latest, (ps, purchase) -> {
                    ps.setString(1, purchase.accountId());
                    ps.setString(2, purchase.sku());
                    ps.setTimestamp(3, Timestamp.from(purchase.lastBought()));
                });
    }

    /** The catalogue's latest word on a SKU wins; an older record replayed later changes nothing. */
    @Transactional
    public void recordProduct(ProductDetails product) {
        if (!inbox.firstDelivery(PRODUCTS, product.eventId())) {
            return;
        }
        jdbc.update("""
                insert into product (sku, name, product_line, technical, updated_at) values (?, ?, ?, ?, ?)
                on conflict (sku) do update set name = excluded.name, product_line = excluded.product_line,
                    technical = excluded.technical, updated_at = excluded.updated_at
                where product.updated_at <= excluded.updated_at""", product.sku(), product.name(),
                product.productLine(), product.technical(), Timestamp.from(product.occurredAt()));
        technicalLines.forget(product.sku()); // read again: an older record replayed may have changed nothing
        // The accounts that bought it before the catalogue's word arrived are checked now.
        technicalLine(product.sku()).ifPresent(line -> {
            for (String accountId : jdbc.queryForList(
                    "select account_id from account_sku_purchase where sku = ? and last_bought >= ? order by 1",
                    String.class, product.sku(), Timestamp.from(clock.instant().minus(lookback)))) {
                check(accountId, line, product.sku());
            }
        });
    }

    /**
     * The SKU's product line when it is a technical product; asked for every sale, so read once
     * per transaction for each SKU (a batch sells the same SKUs again and again), and told when
     * {@link #recordProduct} changes it in the same transaction.
     */
    private Optional<String> technicalLine(String sku) {
        return technicalLines.get(sku);
    }

    /**
     * Reads what a transaction's sales will ask for, in at most three statements: their SKUs'
     * technical lines, the tiers of the accounts that bought a technical one, and the frontline
     * contacts of those whose plan is not REGULAR.
     */
    @EventListener
    void salesAhead(SalesAhead ahead) {
        List<SaleLine> sales = ahead.sales();
        technicalLines.readAhead(sales.stream().map(SaleLine::sku).toList());
        List<String> buyersOfTechnicalLines = sales.stream().filter(sale -> technicalLine(sale.sku()).isPresent())
                .map(SaleLine::accountId).distinct().toList();
        keyAccounts.readAhead(buyersOfTechnicalLines);
        frontline.readAhead(buyersOfTechnicalLines.stream()
                .filter(accountId -> keyAccounts.planTier(accountId) != Tier.REGULAR).toList());
    }

    private Set<UUID> storedFrontline(String accountId) {
        return contacts.list(accountId, false).stream().filter(c -> c.level() == Level.FRONTLINE)
                .map(AccountContact::id).collect(java.util.stream.Collectors.toSet());
    }

    private Map<String, Set<UUID>> storedFrontlines(Collection<String> accountIds) {
        Map<String, Set<UUID>> found = new HashMap<>();
        accountIds.forEach(accountId -> found.put(accountId, new HashSet<>()));
        contacts.current(accountIds).forEach((accountId, current) -> current.stream()
                .filter(c -> c.level() == Level.FRONTLINE).forEach(c -> found.get(accountId).add(c.id())));
        return found;
    }

    private Map<String, Optional<String>> storedTechnicalLines(Collection<String> skus) {
        Map<String, Optional<String>> found = new HashMap<>();
        skus.forEach(sku -> found.put(sku, Optional.empty()));
        jdbc.query("select sku, product_line from product where sku = any(?) and technical and product_line is not null",
                rs -> { found.put(rs.getString(1), Optional.of(rs.getString(2))); },
                (Object) skus.toArray(String[]::new));
        return found;
    }

    private Optional<String> storedTechnicalLine(String sku) {
        return jdbc.queryForList("select product_line from product where sku = ? and technical and product_line is not null",
                String.class, sku).stream().findFirst();
    }

    /**
     * Every purchase is kept per SKU, known product or not: a sale may arrive before its product
     * does (two topics), and the product's arrival then checks the accounts that bought it.
     */
    @EventListener
    void saleArrived(SaleArrived arrived) {
        var sale = arrived.sale();
        purchases.add(new Purchase(sale.accountId(), sale.sku(), sale.occurredAt()));
        technicalLine(sale.sku()).ifPresent(line -> {
            Set<List<String>> checked = checkedForSales.current();
            if (checked == null || checked.add(List.of(sale.accountId(), line))) {
                check(sale.accountId(), line, sale.sku());
            }
        });
    }

    /** An account that becomes KEY or POTENTIAL is checked for every technical line it bought within the lookback. */
    @EventListener
    void tierMoved(TierMoved moved) {
        if (moved.planAfter() == Tier.REGULAR) {
            return;
        }
        Map<String, List<String>> ahead = linesOfMoves.current();
        if (ahead != null && ahead.containsKey(moved.accountId())) {
            ahead.get(moved.accountId()).forEach(line -> check(moved.accountId(), line, null));
            return;
        }
        Optional<Instant> latest = latestPurchase(moved.accountId());
        if (latest.isEmpty()) {
            return;
        }
        for (String line : jdbc.queryForList("""
                select distinct p.product_line from account_sku_purchase a join product p on p.sku = a.sku
                where a.account_id = ? and a.last_bought >= ? and p.technical and p.product_line is not null
                order by 1""", String.class, moved.accountId(), Timestamp.from(latest.get().minus(lookback)))) {
            check(moved.accountId(), line, null);
        }
    }

    /**
     * Reads, for a group of accounts whose plans move to KEY or POTENTIAL, the technical lines each
     * bought within the lookback before its latest purchase, in one statement (two per account
     * before), and the frontline contacts of those that bought one.
     */
    @EventListener
    void movesAhead(TierMovesAhead moves) {
        Map<String, List<String>> ahead = linesOfMoves.current();
        List<String> planned = moves.accountsMovingTo(EnumSet.of(Tier.KEY, Tier.POTENTIAL));
        if (ahead == null || planned.isEmpty()) {
            return;
        }
        planned.forEach(accountId -> ahead.put(accountId, new ArrayList<>()));
        jdbc.query("""
                select distinct a.account_id, p.product_line
                from account_sku_purchase a
                join (select account_id, max(last_bought) as latest from account_sku_purchase
                      where account_id = any(?) group by account_id) l on l.account_id = a.account_id
                join product p on p.sku = a.sku
                where a.last_bought >= l.latest - make_interval(secs => ?) and p.technical and p.product_line is not null
                order by 1, 2""", rs -> { ahead.get(rs.getString(1)).add(rs.getString(2)); },
                planned.toArray(String[]::new), lookback.toMillis() / 1000.0);
        frontline.readAhead(planned.stream().filter(accountId -> !ahead.get(accountId).isEmpty()).toList());
    }

    /** Contacts changed (a trained person may have moved to the frontline): open needs that are met now close. */
    @EventListener
    void contactsChanged(ContactsChanged changed) {
        frontline.forget(changed.accountId());
        closeMetNeeds(changed.accountId());
    }

    /** Records a training and who attended; attendees must work at the account now. */
    @Transactional
    public TrainingSession recordSession(String accountId, String productLine, LocalDate heldOn, LocalDate expiresOn,
            String trainer, List<UUID> attendees) {
        accounts.requireKnown(accountId);
        if (!expiresOn.isAfter(heldOn)) {
            throw new InvalidEventException("expiresOn", "must be after heldOn " + heldOn);
        }
        if (heldOn.isAfter(today())) {
            throw new InvalidEventException("heldOn", "must not be in the future: record a training once it took place");
        }
        Set<UUID> here = new HashSet<>(contacts.list(accountId, false).stream().map(AccountContact::id).toList());
        for (int i = 0; i < attendees.size(); i++) {
            if (!here.contains(attendees.get(i))) {
                throw new InvalidEventException("attendees[" + i + "]", "no current contact " + attendees.get(i)
                        + " at account " + accountId);
            }
        }
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into training_session (id, account_id, product_line, held_on, expires_on, trainer, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""", id, accountId, productLine, heldOn, expiresOn, trainer,
                Timestamp.from(clock.instant()));
        jdbc.batchUpdate("insert into training_attendance (session_id, contact_id) values (?, ?) on conflict do nothing",
                attendees, 500, (ps, contact) -> {
                    ps.setObject(1, id);
                    ps.setObject(2, contact);
                });
        closeMetNeeds(accountId);
        return new TrainingSession(id, accountId, productLine, heldOn, expiresOn, trainer, List.copyOf(attendees));
    }

    public List<TrainingSession> sessions(String accountId) {
        return jdbc.query("""
                select s.*, coalesce(array_agg(a.contact_id) filter (where a.contact_id is not null), '{}') as attendees
                from training_session s left join training_attendance a on a.session_id = s.id
                where s.account_id = ? group by s.id order by s.held_on desc, s.id""",
                (rs, row) -> new TrainingSession(rs.getObject("id", UUID.class), rs.getString("account_id"),
                        rs.getString("product_line"), rs.getObject("held_on", LocalDate.class),
                        rs.getObject("expires_on", LocalDate.class), rs.getString("trainer"),
                        List.of((UUID[]) rs.getArray("attendees").getArray())), accountId);
    }

    public List<TrainingNeed> needs(String accountId) {
        return jdbc.query("""
                select account_id, product_line, raised_at, met_at from training_need where account_id = ?
                order by raised_at desc""", (rs, row) -> new TrainingNeed(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()),
                accountId);
    }

    private void check(String accountId, String line, String sku) {
        Tier tier = keyAccounts.planTier(accountId);
        if (tier == Tier.REGULAR || trained(accountId, line)) {
            return;
        }
        Instant now = clock.instant();
        int raised = jdbc.update("""
                insert into training_need (account_id, product_line, raised_at) values (?, ?, ?)
                on conflict (account_id, product_line) where met_at is null do nothing""", accountId, line,
                Timestamp.from(now));
        if (raised == 1) {
            UUID eventId = UUID.randomUUID();
            outbox.append(eventId, Topics.RELATIONSHIP_SIGNALS, accountId, "TrainingNeeded",
                    new TrainingNeeded(eventId, now, accountId, tier, line, sku));
            meters.counter("kam.training.needs.raised").increment();
        }
    }

    private void closeMetNeeds(String accountId) {
        for (String line : jdbc.queryForList(
                "select product_line from training_need where account_id = ? and met_at is null", String.class, accountId)) {
            if (trained(accountId, line)) {
                jdbc.update("update training_need set met_at = ? where account_id = ? and product_line = ? and met_at is null",
                        Timestamp.from(clock.instant()), accountId, line);
            }
        }
    }

    /** Whether a current frontline contact of the account attended an unexpired training on the line. */
    private boolean trained(String accountId, String line) {
        Set<UUID> frontline = this.frontline.get(accountId);
        if (frontline.isEmpty()) {
            return false;
        }
        List<UUID> trainedPeople = jdbc.queryForList("""
                select a.contact_id from training_session s join training_attendance a on a.session_id = s.id
                where s.account_id = ? and s.product_line = ? and s.expires_on > ?""", UUID.class, accountId, line,
                today());
        return trainedPeople.stream().anyMatch(frontline::contains);
    }

    private Optional<Instant> latestPurchase(String accountId) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select max(last_bought) from account_sku_purchase where account_id = ?", Timestamp.class, accountId))
                .map(Timestamp::toInstant);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** {@code TrainingNeeded} on kam.relationship-signals.v1 (training-needed.v1); {@code sku} is the purchase that raised it, if one did. */
    record TrainingNeeded(UUID eventId, Instant occurredAt, String accountId, Tier tier, String productLine, String sku) {
    }

    /** An account's latest purchase of a SKU, not stored yet. */
    private record Purchase(String accountId, String sku, Instant lastBought) {
        Purchase latest(Purchase other) {
            return other.lastBought.isAfter(lastBought) ? other : this;
        }
    }
}
