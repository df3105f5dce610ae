package org.kam.insight.intelligence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.web.NotFoundException;
import org.kam.insight.collection.FactListener;
import org.kam.insight.collection.IntelligenceFiled;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The intelligence register (R4.2.2): a filed report joins the item of the same story — found by
 * MinHash/LSH ({@link MinHash}) — or becomes a new item, classified by people's rules
 * ({@link Classifier}) and numbered gap-free per year; the item's standing and credibility
 * follow from all its reports ({@link Credibility}). Owns {@code intelligence_item},
 * {@code intelligence_report}, {@code intelligence_band} and {@code intelligence_counter}.
 */
@Service
public class IntelligenceRegister {

    private static final long REGISTER_LOCK = 0x6b616d_696e746cL; // "kam" "intl"

    private final JdbcTemplate jdbc;
    private final SourceOrganisations organisations;
    private final ClassificationRules rules;
    private final Clock clock;
    private final double threshold;
    private final MeterRegistry meters;
    private final List<FactListener> listeners;
    private final Classifier classifier = new Classifier();
    private final Credibility credibility = new Credibility();

    private final ExpertAssessments expertAssessments;

    IntelligenceRegister(JdbcTemplate jdbc, SourceOrganisations organisations, ClassificationRules rules, Clock clock,
            @Value("${kam.intelligence.duplicate-threshold}") double threshold, MeterRegistry meters,
            List<FactListener> listeners, ExpertAssessments expertAssessments) {
        this.listeners = List.copyOf(listeners);
        this.expertAssessments = expertAssessments;
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.rules = rules;
        this.clock = clock;
        this.threshold = threshold;
        this.meters = meters;
    }

    /** What filing a report did: the item it is part of now, and whether it joined an existing one. */
    public record Filed(Item item, boolean merged) {
    }

    @Transactional
    public Filed file(Report report) {
        // One filing at a time: two reports of one story filed together must not both start an item.
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, REGISTER_LOCK);
        organisations.known(report.organisation());
        Instant now = clock.instant();
        UUID itemId;
        boolean merged;
        if (report.contradicts() != null) {
            itemId = idOf(report.contradicts()).orElseThrow(() -> new InvalidEventException("contradicts",
                    "no intelligence item " + report.contradicts()));
            merged = true;
        } else {
            int[] signature = MinHash.signature(report.content());
            Optional<UUID> same = sameStory(report, signature);
            merged = same.isPresent();
            itemId = same.orElseGet(() -> create(report, signature, now));
        }
        insertReport(itemId, report, now);
        if (merged) {
            mergeFacets(itemId, report);
        }
        reassess(itemId, now);
        meters.counter("kam.intelligence.reports.filed", "merged", Boolean.toString(merged)).increment();
        return new Filed(find(itemId).orElseThrow(), merged);
    }

    /** A person found the item false: it keeps its number and its reports, and leaves the default lists. */
    @Transactional
    public Item reject(String number, String reason) {
        UUID id = idOf(number).orElseThrow(() -> new NotFoundException("No intelligence item " + number));
        jdbc.update("update intelligence_item set standing = 'REJECTED', rejected_reason = ?, updated_at = ? where id = ?",
                reason, Timestamp.from(clock.instant()), id);
        return find(id).orElseThrow();
    }

    public Optional<Item> byNumber(String number) {
        return idOf(number).flatMap(this::find);
    }

    /** A page of items, newest first, filtered; rejected items only when {@code standing} asks for them. */
    public Page search(String account, InformationClass informationClass, Integer maxCredibility, Standing standing,
            String text, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (account != null) {
            where.append(" and ? = any(accounts)");
            args.add(account);
        }
        if (informationClass != null) {
            where.append(" and information_class = ?");
            args.add(informationClass.name());
        }
        if (maxCredibility != null) {
            where.append(" and credibility <= ?");
            args.add(maxCredibility);
        }
        if (standing != null) {
            where.append(" and standing = ?");
            args.add(standing.name());
        } else {
            where.append(" and standing <> 'REJECTED'");
        }
        if (text != null) {
            where.append(" and (title ilike ? or text ilike ?)");
            String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(like);
            args.add(like);
        }
        Long total = jdbc.queryForObject("select count(*) from intelligence_item" + where, Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(size);
        paged.add((long) page * size);
        List<UUID> ids = jdbc.queryForList("select id from intelligence_item" + where
                + " order by created_at desc, number desc limit ? offset ?", UUID.class, paged.toArray());
        List<Item> items = ids.stream().map(id -> find(id).orElseThrow()).toList();
        return new Page(items, page, size, total == null ? 0 : total);
    }

    public record Page(List<Item> items, int page, int size, long totalItems) {
    }

    private Optional<UUID> sameStory(Report report, int[] signature) {
        int[] bands = MinHash.bands(signature);
        List<UUID> candidates = jdbc.query(con -> {
            var select = con.prepareStatement("""
                    select distinct b.item_id from intelligence_band b
                    join unnest(?::smallint[], ?::int[]) as q(band, hash) on b.band = q.band and b.hash = q.hash""");
            Integer[] bandNumbers = new Integer[MinHash.BANDS];
            Integer[] hashes = new Integer[MinHash.BANDS];
            for (int i = 0; i < MinHash.BANDS; i++) {
                bandNumbers[i] = i;
                hashes[i] = bands[i];
            }
            select.setArray(1, con.createArrayOf("int2", bandNumbers));
            select.setArray(2, con.createArrayOf("int4", hashes));
            return select;
        }, (rs, row) -> rs.getObject(1, UUID.class));
        UUID best = null;
        double bestSimilarity = 0;
        for (UUID candidate : candidates) {
            var stored = jdbc.queryForMap("select signature, title, text, standing from intelligence_item where id = ?",
                    candidate);
            if ("REJECTED".equals(stored.get("standing"))) {
                continue;
            }
            int[] other = ints((Array) stored.get("signature"));
            double similarity = MinHash.similarity(signature, other);
            String content = stored.get("title") + " " + (stored.get("text") == null ? "" : stored.get("text"));
            if (similarity >= threshold && similarity > bestSimilarity && MinHash.sameFigures(report.content(), content)) {
                best = candidate;
                bestSimilarity = similarity;
            }
        }
        return Optional.ofNullable(best);
    }

    private UUID create(Report report, int[] signature, Instant now) {
        UUID id = UUID.randomUUID();
        Classifier.Verdict verdict = classifier.classify(rules.all(), report.title(), report.text());
        int year = report.reportedOn().getYear();
        Integer sequence = jdbc.queryForObject("""
                insert into intelligence_counter (year, last) values (?, 1)
                on conflict (year) do update set last = intelligence_counter.last + 1
                returning last""", Integer.class, year);
        String number = "INT-%d-%06d".formatted(year, sequence);
        jdbc.update(con -> {
            var insert = con.prepareStatement("""
                    insert into intelligence_item (id, number, title, text, information_class, class_rule, standing,
                        credibility, accounts, product_lines, signature, first_reported, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, 'UNCONFIRMED', 6, ?, ?, ?, ?, ?, ?)""");
            insert.setObject(1, id);
            insert.setString(2, number);
            insert.setString(3, report.title());
            insert.setString(4, report.text());
            insert.setString(5, verdict.informationClass().name());
            insert.setObject(6, verdict.ruleId());
            insert.setArray(7, con.createArrayOf("text", report.accounts().toArray()));
            insert.setArray(8, con.createArrayOf("text", report.productLines().toArray()));
            insert.setArray(9, con.createArrayOf("int4", Arrays.stream(signature).boxed().toArray()));
            insert.setObject(10, report.reportedOn());
            insert.setTimestamp(11, Timestamp.from(now));
            insert.setTimestamp(12, Timestamp.from(now));
            return insert;
        });
        int[] bands = MinHash.bands(signature);
        List<Object[]> rows = new ArrayList<>();
        for (int band = 0; band < MinHash.BANDS; band++) {
            rows.add(new Object[] { band, bands[band], id });
        }
        jdbc.batchUpdate("insert into intelligence_band (band, hash, item_id) values (?, ?, ?) on conflict do nothing",
                rows);
        meters.counter("kam.intelligence.items.opened", "class", verdict.informationClass().name()).increment();
        IntelligenceFiled filed = new IntelligenceFiled(id, number, verdict.informationClass().name(), report.title(),
                report.accounts(), report.productLines());
        listeners.forEach(listener -> listener.intelligenceFiled(filed));
        return id;
    }

    private void insertReport(UUID itemId, Report report, Instant now) {
        jdbc.update(con -> {
            var insert = con.prepareStatement("""
                    insert into intelligence_report (id, item_id, source, organisation, reported_on, title, text, link,
                        accounts, product_lines, contradicts, filed_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, itemId);
            insert.setString(3, report.source());
            insert.setString(4, report.organisation());
            insert.setObject(5, report.reportedOn());
            insert.setString(6, report.title());
            insert.setString(7, report.text());
            insert.setString(8, report.link());
            insert.setArray(9, con.createArrayOf("text", report.accounts().toArray()));
            insert.setArray(10, con.createArrayOf("text", report.productLines().toArray()));
            insert.setBoolean(11, report.contradicts() != null);
            insert.setString(12, report.filedBy());
            insert.setTimestamp(13, Timestamp.from(now));
            return insert;
        });
    }

    /** The item covers every account and product line any of its reports names; its first report date is the earliest. */
    private void mergeFacets(UUID itemId, Report report) {
        jdbc.update(con -> {
            var update = con.prepareStatement("""
                    update intelligence_item set
                        accounts = array(select distinct unnest(accounts || ?::text[]) order by 1),
                        product_lines = array(select distinct unnest(product_lines || ?::text[]) order by 1),
                        first_reported = least(first_reported, ?)
                    where id = ?""");
            update.setArray(1, con.createArrayOf("text", report.accounts().toArray()));
            update.setArray(2, con.createArrayOf("text", report.productLines().toArray()));
            update.setObject(3, report.reportedOn());
            update.setObject(4, itemId);
            return update;
        });
    }

    private void reassess(UUID itemId, Instant now) {
        Credibility.Assessment assessment = credibility.assess(evidence(itemId));
        jdbc.update("""
                update intelligence_item set standing = case when standing = 'REJECTED' then standing else ? end,
                    credibility = ?, updated_at = ? where id = ?""",
                assessment.standing().name(), assessment.credibility(), Timestamp.from(now), itemId);
    }

    private List<Credibility.Evidence> evidence(UUID itemId) {
        return jdbc.query("""
                select r.organisation, o.group_name, o.reliability, r.contradicts from intelligence_report r
                join source_organisation o on lower(o.name) = lower(r.organisation)
                where r.item_id = ? order by r.created_at""", (rs, row) -> new Credibility.Evidence(rs.getString(1),
                rs.getString(2), Reliability.valueOf(rs.getString(3)), rs.getBoolean(4)), itemId);
    }

    private Optional<UUID> idOf(String number) {
        return jdbc.queryForList("select id from intelligence_item where number = ?", UUID.class, number).stream()
                .findFirst();
    }

    /** Re-judges every item an organisation reported, after its reliability or group changed. */
    @Transactional
    public void reassessReportedBy(String organisation) {
        Instant now = clock.instant();
        for (UUID id : jdbc.queryForList("select distinct item_id from intelligence_report where lower(organisation) = lower(?)",
                UUID.class, organisation)) {
            reassess(id, now);
        }
    }

    Optional<Item> find(UUID id) {
        List<Item.Source> sources = jdbc.query("""
                select r.source, r.organisation, o.reliability, r.reported_on, r.title, r.link, r.contradicts
                from intelligence_report r join source_organisation o on lower(o.name) = lower(r.organisation)
                where r.item_id = ? order by r.created_at""", (rs, row) -> new Item.Source(rs.getString(1),
                rs.getString(2), Reliability.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class), rs.getString(5),
                rs.getString(6), rs.getBoolean(7)), id);
        Credibility.Assessment assessment = credibility.assess(evidence(id));
        List<ExpertAssessments.Assessment> experts = expertAssessments.of(id);
        return jdbc.query("select * from intelligence_item where id = ?", (rs, row) -> item(rs, sources, assessment, experts),
                id).stream().findFirst();
    }

    private static Item item(ResultSet rs, List<Item.Source> sources, Credibility.Assessment assessment,
            List<ExpertAssessments.Assessment> experts) throws SQLException {
        return new Item(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
                rs.getString("text"), InformationClass.valueOf(rs.getString("information_class")),
                Standing.valueOf(rs.getString("standing")), rs.getInt("credibility"),
                List.copyOf(new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray("accounts").getArray()))),
                Arrays.asList((String[]) rs.getArray("product_lines").getArray()),
                rs.getObject("first_reported", LocalDate.class), assessment.independentSources(),
                assessment.contradictedBy(), sources, rs.getString("rejected_reason"),
                rs.getTimestamp("created_at").toInstant(), experts);
    }

    private static int[] ints(Array array) {
        try {
            Integer[] values = (Integer[]) array.getArray();
            int[] ints = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                ints[i] = values[i];
            }
            return ints;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a stored signature", e);
        }
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
