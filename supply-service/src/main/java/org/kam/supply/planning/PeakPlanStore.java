package org.kam.supply.planning;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kam.supply.planning.PeakPlan.AccountAtRisk;
import org.kam.supply.planning.PeakPlan.ProductionRequest;
import org.kam.supply.planning.PeakPlan.TransportRequest;
import org.kam.supply.planning.PeakPlan.Week;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current plan of each SKU at risk (table peak_plan), with the product's name from the catalogue. */
@Repository
class PeakPlanStore {

    private static final TypeReference<List<AccountAtRisk>> ACCOUNTS = new TypeReference<>() {
    };

    private static final int PLANNING_LOCKS = 0x6b61_706c; // "ka" "pl"

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    PeakPlanStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The plans, optionally of one SKU, by SKU. */
    List<PeakPlan> list(String sku) {
        return jdbc.query("""
                select p.*, product.name from peak_plan p left join product on product.sku = p.sku
                where (?::text is null or p.sku = ?) order by p.sku""", this::plan, sku, sku);
    }

    Map<String, PeakPlan> all() {
        Map<String, PeakPlan> plans = new LinkedHashMap<>();
        list(null).forEach(plan -> plans.put(plan.sku(), plan));
        return plans;
    }

    /** The quantity last published per SKU with a plan. */
    Map<String, Integer> publishedQuantities() {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        jdbc.query("select sku, published_quantity from peak_plan", rs -> {
            quantities.put(rs.getString(1), rs.getInt(2));
        });
        return quantities;
    }

    /** Stores the SKU's current plan; {@code published}: its request was published now. */
    void save(PeakPlan plan, boolean published) {
        jdbc.update("""
                insert into peak_plan (sku, on_hand, incoming, projected_stock, peak_week, peak_week_demand,
                                       first_short_week, shortfall, needed_by, ship_by, latest_start, production_late,
                                       days_late, transport_late, accounts_at_risk, planned_on, published_quantity)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                on conflict (sku) do update
                   set on_hand = excluded.on_hand, incoming = excluded.incoming,
                       projected_stock = excluded.projected_stock, peak_week = excluded.peak_week,
                       peak_week_demand = excluded.peak_week_demand, first_short_week = excluded.first_short_week,
                       shortfall = excluded.shortfall, needed_by = excluded.needed_by, ship_by = excluded.ship_by,
                       latest_start = excluded.latest_start, production_late = excluded.production_late,
                       days_late = excluded.days_late, transport_late = excluded.transport_late,
                       accounts_at_risk = excluded.accounts_at_risk, planned_on = excluded.planned_on,
                       published_quantity = case when ? then excluded.shortfall else peak_plan.published_quantity end,
                       updated_at = now()""",
                plan.sku(), plan.onHand(), plan.incoming(), plan.projectedStock(), date(plan.peakWeek().start()),
                plan.peakWeek().demand(), date(plan.firstShortWeek()), plan.shortfall(),
                date(plan.production().neededBy()), date(plan.transport().shipBy()),
                date(plan.production().latestStart()), plan.production().late(), plan.production().daysLate(),
                plan.transport().late(), json.writeValueAsString(plan.accountsAtRisk()), date(plan.plannedOn()),
                plan.shortfall(), published);
    }

    /** Waits for any other run to end; released when the caller's transaction ends. */
    void lockPlanning() {
        jdbc.queryForObject("select pg_advisory_xact_lock(?, ?)", Object.class, PLANNING_LOCKS, 0);
    }

    double countOrNaN() {
        try {
            Long count = jdbc.queryForObject("select count(*) from peak_plan", Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    void remove(String sku) {
        jdbc.update("delete from peak_plan where sku = ?", sku);
    }

    private PeakPlan plan(ResultSet rs, int row) throws SQLException {
        int shortfall = rs.getInt("shortfall");
        LocalDate neededBy = rs.getObject("needed_by", LocalDate.class);
        return new PeakPlan(rs.getString("sku"), rs.getString("name"), rs.getInt("on_hand"), rs.getInt("incoming"),
                rs.getInt("projected_stock"),
                new Week(rs.getObject("peak_week", LocalDate.class), rs.getInt("peak_week_demand")),
                rs.getObject("first_short_week", LocalDate.class), shortfall,
                new ProductionRequest(shortfall, neededBy, rs.getObject("latest_start", LocalDate.class),
                        rs.getBoolean("production_late"), rs.getInt("days_late")),
                new TransportRequest(shortfall, neededBy, rs.getObject("ship_by", LocalDate.class),
                        rs.getBoolean("transport_late")),
                json.readValue(rs.getString("accounts_at_risk"), ACCOUNTS),
                rs.getObject("planned_on", LocalDate.class));
    }

    private static Date date(LocalDate day) {
        return Date.valueOf(day);
    }
}
