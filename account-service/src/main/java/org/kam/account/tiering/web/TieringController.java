package org.kam.account.tiering.web;

import org.kam.chassis.security.Roles;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.kam.account.tiering.Tier;
import org.kam.account.tiering.TierExplanation;
import org.kam.account.tiering.Tiering;
import org.kam.account.tiering.TieringRule;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Why an account has its tier, the Pareto picture, the rule, and people's overrides of it. */
@RestController
class TieringController {

    private final Tiering tiering;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    TieringController(Tiering tiering, JdbcTemplate jdbc, Clock clock) {
        this.tiering = tiering;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/accounts/{id}/tier")
    Map<String, Object> explain(@PathVariable String id) {
        Map<String, Object> account = jdbc.queryForList("""
                select tier, computed_tier, override_tier, override_reason, override_expires_at, override_by, override_at
                from account where id = ?""", id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No account " + id));
        TierExplanation explanation = tiering.explain(id);
        Map<String, Object> override = account.get("override_tier") == null ? null : Map.of(
                "tier", account.get("override_tier"),
                "reason", account.get("override_reason"),
                "by", account.get("override_by"),
                "at", ((java.sql.Timestamp) account.get("override_at")).toInstant(),
                "expiresAt", account.get("override_expires_at") == null ? "never"
                        : ((java.sql.Timestamp) account.get("override_expires_at")).toInstant());
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("accountId", id);
        body.put("tier", account.get("tier"));
        body.put("computedTier", account.get("computed_tier"));
        body.put("override", override);
        body.put("explanation", explanation);
        body.put("history", history(id, 20));
        return body;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/accounts/{id}/tier-override/audit")
    List<Tiering.OverrideAudit> overrideAudit(@PathVariable String id,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        if (jdbc.queryForList("select 1 from account where id = ?", id).isEmpty()) {
            throw new NotFoundException("No account " + id);
        }
        return tiering.overrideAudit(id, limit);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/accounts/{id}/tier-history")
    List<Map<String, Object>> tierHistory(@PathVariable String id,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        if (jdbc.queryForList("select 1 from account where id = ?", id).isEmpty()) {
            throw new NotFoundException("No account " + id);
        }
        return history(id, limit);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/tiers")
    Map<String, Object> tiers(@RequestParam(defaultValue = "20") @Min(1) @Max(200) int curvePoints) {
        Tiering.Summary summary = tiering.summary(curvePoints);
        Map<String, Integer> effective = new java.util.TreeMap<>();
        for (Tier tier : Tier.values()) {
            effective.put(tier.name(), 0);
        }
        jdbc.query("select tier, count(*) from account group by tier",
                rs -> { effective.put(rs.getString(1), rs.getInt(2)); });
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("counts", effective);
        body.put("computedCounts", new java.util.TreeMap<>(summary.computedCounts()));
        body.put("overrides", jdbc.queryForObject("select count(*) from account where override_tier is not null", Integer.class));
        body.put("rankedAccounts", summary.rankedAccounts());
        body.put("windowRevenue", summary.windowRevenue());
        body.put("businessClock", summary.businessClock());
        body.put("rule", summary.rule());
        body.put("paretoCurve", summary.paretoCurve());
        return body;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/tiering/rule")
    TieringRule rule() {
        return tiering.rule();
    }

    /** Re-tiers every account under the new rule and publishes the changes. */
    @PutMapping("/api/v1/tiering/rule")
    @PreAuthorize("hasRole('ADMIN')")
    TieringRule changeRule(@Valid @RequestBody RuleRequest request, Authentication caller) {
        TieringRule current = tiering.rule();
        TieringRule rule = new TieringRule(
                request.windowDays() == null ? current.window() : Duration.ofDays(request.windowDays()),
                request.recentWindowDays() == null ? current.recentWindow() : Duration.ofDays(request.recentWindowDays()),
                or(request.keyRevenueShare(), current.keyRevenueShare()),
                or(request.potentialGrowth(), current.potentialGrowth()),
                or(request.potentialAssessment(), current.potentialAssessment()));
        return tiering.changeRule(rule, caller.getName());
    }

    @PutMapping("/api/v1/accounts/{id}/tier-override")
    @PreAuthorize("hasAnyRole('KAM_LEAD', 'ADMIN')")
    ResponseEntity<Map<String, Object>> override(@PathVariable String id, @Valid @RequestBody OverrideRequest request,
            Authentication caller) {
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            throw new InvalidEventException("expiresAt", "must be in the future, was " + request.expiresAt());
        }
        tiering.override(id, request.tier(), request.reason(), request.expiresAt(), caller.getName());
        return ResponseEntity.ok(explain(id));
    }

    @DeleteMapping("/api/v1/accounts/{id}/tier-override")
    @PreAuthorize("hasAnyRole('KAM_LEAD', 'ADMIN')")
    ResponseEntity<Void> clearOverride(@PathVariable String id, Authentication caller) {
        boolean cleared = tiering.clearOverride(id, caller.getName(), false);
        if (!cleared) {
            throw new NotFoundException("Account " + id + " has no tier override");
        }
        return ResponseEntity.noContent().build();
    }

    private List<Map<String, Object>> history(String id, int limit) {
        return jdbc.query("""
                select from_tier, to_tier, cause, cause_event_id, as_of, changed_at from tier_change
                where account_id = ? order by id desc limit ?""",
                (rs, i) -> {
                    var change = new java.util.LinkedHashMap<String, Object>();
                    change.put("from", rs.getString(1));
                    change.put("to", rs.getString(2));
                    change.put("cause", rs.getString(3));
                    change.put("causeEventId", rs.getObject(4));
                    change.put("asOf", rs.getTimestamp(5).toInstant());
                    change.put("changedAt", rs.getTimestamp(6).toInstant());
                    return change;
                }, id, limit);
    }

    private static BigDecimal or(BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }

    /** Fields left out keep their current value. */
    record RuleRequest(@Min(1) @Max(3650) Integer windowDays, @Min(1) @Max(3650) Integer recentWindowDays,
            BigDecimal keyRevenueShare, BigDecimal potentialGrowth, BigDecimal potentialAssessment) {
    }

    record OverrideRequest(@NotNull Tier tier, @NotBlank @Size(max = 500) String reason, Instant expiresAt) {
    }
}
