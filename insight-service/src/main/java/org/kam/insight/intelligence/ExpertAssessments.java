package org.kam.insight.intelligence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What managers and experts make of an item (R4.2.3): asked by an analyst (an assignment) or of
 * their own accord, each records the impact, the effect on demand they expect and the reaction they
 * recommend; one assessment per expert and item, the latest standing. Owns {@code intelligence_assessment}.
 */
@Repository
public class ExpertAssessments {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ExpertAssessments(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Asks {@code expert} to assess the item; asking again changes nothing, an assessment made stays. */
    @Transactional
    public void assign(UUID itemId, String expert, String by) {
        jdbc.update("""
                insert into intelligence_assessment (item_id, expert, assigned_by, assigned_at) values (?, ?, ?, ?)
                on conflict (item_id, expert) do nothing""", itemId, expert, by, Timestamp.from(clock.instant()));
    }

    /** Records {@code expert}'s assessment, replacing an earlier one of theirs. */
    @Transactional
    public void assess(UUID itemId, String expert, Impact impact, DemandEffect demandEffect, String reaction) {
        jdbc.update("""
                insert into intelligence_assessment (item_id, expert, impact, demand_effect, reaction, assessed_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (item_id, expert) do update set impact = excluded.impact, demand_effect = excluded.demand_effect,
                    reaction = excluded.reaction, assessed_at = excluded.assessed_at""",
                itemId, expert, impact.name(), demandEffect.name(), reaction, Timestamp.from(clock.instant()));
    }

    /** The item's assessments and open assignments, assessed first (newest first), then the ones awaited. */
    List<Assessment> of(UUID itemId) {
        return jdbc.query("""
                select * from intelligence_assessment where item_id = ?
                order by assessed_at desc nulls last, assigned_at, expert""", ExpertAssessments::assessment, itemId);
    }

    private static Assessment assessment(ResultSet rs, int row) throws SQLException {
        String impact = rs.getString("impact");
        String effect = rs.getString("demand_effect");
        Timestamp assigned = rs.getTimestamp("assigned_at");
        Timestamp assessed = rs.getTimestamp("assessed_at");
        return new Assessment(rs.getString("expert"), rs.getString("assigned_by"),
                assigned == null ? null : assigned.toInstant(), impact == null ? null : Impact.valueOf(impact),
                effect == null ? null : DemandEffect.valueOf(effect), rs.getString("reaction"),
                assessed == null ? null : assessed.toInstant());
    }

    /** How much an item matters to the business. */
    public enum Impact {
        /** Worth knowing; nothing to change. */
        LOW,
        /** Plans may need adjusting: a forecast, a campaign, a visit. */
        MEDIUM,
        /** A decision is needed: capacity, prices, an account's strategy. */
        HIGH
    }

    /** The effect on demand for our products the expert expects. */
    public enum DemandEffect {
        /** Demand falls markedly (more than about 10 %). */
        STRONG_DECREASE,
        /** Demand falls somewhat. */
        DECREASE,
        /** No effect on demand expected. */
        NONE,
        /** Demand rises somewhat. */
        INCREASE,
        /** Demand rises markedly (more than about 10 %). */
        STRONG_INCREASE
    }

    /**
     * @param assignedBy who asked for it (null: the expert's own initiative)
     * @param assessedAt null while it is awaited
     */
    public record Assessment(String expert, String assignedBy, Instant assignedAt, Impact impact, DemandEffect demandEffect,
            String reaction, Instant assessedAt) {
    }
}
