package org.kam.insight.collection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A first barometer of key-account business, read from the collected sales: per calendar month
 * (UTC) of the sale, what accounts that were KEY when they bought ordered; and which share of all
 * sales amount came from them.
 */
@Repository
public class Barometer {

    private final JdbcTemplate jdbc;

    Barometer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Reading read() {
        List<Month> months = jdbc.query("""
                select to_char(occurred_at at time zone 'UTC', 'YYYY-MM'), count(*), sum(quantity), sum(amount)
                from sale_fact
                where tier_at_sale = 'KEY'
                group by 1
                order by 1""",
                (rs, row) -> new Month(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4)));
        return jdbc.queryForObject("""
                select coalesce(sum(amount), 0), coalesce(sum(amount) filter (where tier_at_sale = 'KEY'), 0)
                from sale_fact""",
                (rs, row) -> new Reading(months, rs.getBigDecimal(1), rs.getBigDecimal(2),
                        share(rs.getBigDecimal(2), rs.getBigDecimal(1))));
    }

    private static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    /**
     * @param keyAccountSales    per month, the sales of accounts that were KEY at the time of sale
     * @param allSalesAmount     the amount of all sales collected
     * @param keyAccountAmount   the part of it from accounts that were KEY at the time of sale
     * @param keyAccountShare    keyAccountAmount / allSalesAmount (4 decimals); null without sales
     */
    public record Reading(List<Month> keyAccountSales, BigDecimal allSalesAmount, BigDecimal keyAccountAmount,
            BigDecimal keyAccountShare) {
    }

    /** @param month the calendar month of the sales, in UTC, as {@code yyyy-MM} */
    public record Month(String month, long count, long quantity, BigDecimal amount) {
    }
}
