package org.kam.supply.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Products and their stock on hand. */
@Service
public class Catalogue {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    Catalogue(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public Optional<Product> find(String sku) {
        return jdbc.query("select * from product where sku = ?", Catalogue::product, sku).stream().findFirst();
    }

    public List<Product> list(int page, int size) {
        return jdbc.query("select * from product order by sku limit ? offset ?", Catalogue::product,
                size, (long) page * size);
    }

    /**
     * Creates or updates a product and sets its stock on hand; true when it was created. Announces
     * {@link StockChanged} in the same transaction, so protections follow the new stock atomically.
     */
    @Transactional
    public boolean save(String sku, String name, String productLine, int onHand) {
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand must be 0 or more, was " + onHand);
        }
        Boolean created = jdbc.queryForObject("""
                insert into product (sku, name, product_line, on_hand) values (?, ?, ?, ?)
                on conflict (sku) do update
                   set name = excluded.name, product_line = excluded.product_line, on_hand = excluded.on_hand,
                       updated_at = now()
                returning (xmax = 0)""", Boolean.class, sku, name, productLine, onHand);
        events.publishEvent(new StockChanged(sku, onHand));
        return Boolean.TRUE.equals(created);
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getString("sku"), rs.getString("name"), rs.getString("product_line"),
                rs.getInt("on_hand"), rs.getTimestamp("updated_at").toInstant());
    }
}
