package org.kam.supply.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.transaction.RowsAtCommit;
import org.kam.chassis.transaction.TransactionScoped;
import org.kam.chassis.web.ConflictException;
import org.kam.chassis.web.NotFoundException;
import org.kam.supply.PlanningInputChanged;
import org.kam.supply.Topics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products, warehouses, the stock of each product in each warehouse, and the supply on its way.
 *
 * <p>Every stock change first locks the product's row, so changes of one SKU in different
 * warehouses run one after the other and {@code product.on_hand} is always the sum of the
 * warehouses' stock. It then announces {@link StockChanged} in the same transaction, so protections
 * follow the new total atomically, and appends {@code StockChanged} to kam.stock.v1 through the outbox.
 */
@Service
public class Catalogue {

    /** Where stock set without naming a warehouse goes (created by the V2 migration). */
    public static final String DEFAULT_WAREHOUSE = "MAIN";

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Outbox outbox;
    private final Clock clock;
    private final RowsAtCommit<WarehouseUnits> stockAtCommit;
    private final RowsAtCommit<WarehouseUnits> productAtCommit;
    /** Stock read by {@link #lockProducts}, per SKU, until its first {@link #lockStock} in the transaction. */
    private final TransactionScoped<Map<String, SkuStock>> lockedAhead;

    Catalogue(JdbcTemplate jdbc, ApplicationEventPublisher events, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        // The last units of each row win: a batch's sales of one SKU write it once.
        this.lockedAhead = new TransactionScoped<>(jdbc.getDataSource(), HashMap::new);
        this.stockAtCommit = RowsAtCommit.merging(jdbc,
                "update stock set on_hand = ?, updated_at = now() where sku = ? and warehouse_id = ?",
                u -> List.of(u.sku(), u.warehouseId()), (earlier, later) -> later, (ps, u) -> {
                    ps.setInt(1, u.onHand());
                    ps.setString(2, u.sku());
                    ps.setString(3, u.warehouseId());
                });
        this.productAtCommit = RowsAtCommit.merging(jdbc,
                "update product set on_hand = ?, updated_at = now() where sku = ?",
                WarehouseUnits::sku, (earlier, later) -> later, (ps, u) -> {
                    ps.setInt(1, u.onHand());
                    ps.setString(2, u.sku());
                });
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Optional<Product> find(String sku) {
        return jdbc.query("select * from product where sku = ?", Catalogue::product, sku).stream().findFirst();
    }

    /** The product with its stock per warehouse and the supply still expected, soonest first. */
    public Optional<ProductView> view(String sku) {
        return find(sku).map(p -> new ProductView(p.sku(), p.name(), p.productLine(), p.technical(), p.onHand(),
                p.leadTimes(), p.updatedAt(),
                jdbc.query("select warehouse_id, on_hand from stock where sku = ? order by warehouse_id",
                        (rs, i) -> new ProductView.WarehouseStock(rs.getString(1), rs.getInt(2)), sku),
                jdbc.query("""
                        select * from incoming_supply where sku = ? and status = 'EXPECTED'
                        order by due_on, created_at, id""", Catalogue::supply, sku)));
    }

    public List<Product> list(int page, int size) {
        return jdbc.query("select * from product order by sku limit ? offset ?", Catalogue::product,
                size, (long) page * size);
    }

    /**
     * Creates or updates a product, with the configured lead times, and sets its stock in the
     * {@link #DEFAULT_WAREHOUSE}; true when it was created.
     */
    @Transactional
    public boolean save(String sku, String name, String productLine, boolean technical, int onHand) {
        return save(sku, name, productLine, technical, onHand, LeadTimes.DEFAULTS);
    }

    /**
     * Creates or updates a product and sets its stock in the {@link #DEFAULT_WAREHOUSE}; true when
     * it was created. Stock in other warehouses is left as it is.
     */
    @Transactional
    public boolean save(String sku, String name, String productLine, boolean technical, int onHand,
            LeadTimes leadTimes) {
        if (onHand < 0) {
            throw new InvalidEventException("onHand", "must be 0 or more, was " + onHand);
        }
        List<ProductDetailsChanged> before = jdbc.query(
                "select sku, name, product_line, technical from product where sku = ? for update",
                (rs, row) -> new ProductDetailsChanged(null, null, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4)), sku);
        Boolean created = jdbc.queryForObject("""
                insert into product (sku, name, product_line, technical, on_hand, production_lead_days,
                                     transport_lead_days)
                values (?, ?, ?, ?, 0, ?, ?)
                on conflict (sku) do update
                   set name = excluded.name, product_line = excluded.product_line, technical = excluded.technical,
                       production_lead_days = excluded.production_lead_days,
                       transport_lead_days = excluded.transport_lead_days, updated_at = now()
                returning (xmax = 0)""", Boolean.class, sku, name, productLine, technical,
                leadTimes.productionDays(), leadTimes.transportDays());
        ProductDetailsChanged now = new ProductDetailsChanged(UUID.randomUUID(), clock.instant(), sku, name,
                productLine, technical);
        if (before.isEmpty() || !before.get(0).sameDetailsAs(now)) {
            outbox.append(now.eventId(), Topics.PRODUCTS, sku, "ProductDetailsChanged", now);
        }
        setStock(sku, DEFAULT_WAREHOUSE, onHand);
        return Boolean.TRUE.equals(created);
    }

    /** Sets the units of {@code sku} on hand in one warehouse, as counted. */
    @Transactional
    public void setStock(String sku, String warehouseId, int onHand) {
        if (onHand < 0) {
            throw new InvalidEventException("onHand", "must be 0 or more, was " + onHand);
        }
        lockProduct(sku);
        requireWarehouse(warehouseId);
        jdbc.update("""
                insert into stock (sku, warehouse_id, on_hand) values (?, ?, ?)
                on conflict (sku, warehouse_id) do update set on_hand = excluded.on_hand, updated_at = now()""",
                sku, warehouseId, onHand);
        // A count includes every sale shipped before it: those sales must not take stock again.
        jdbc.update("update product set counted_at = ? where sku = ?", Timestamp.from(clock.instant()), sku);
        stockChanged(sku, warehouseId, StockCause.ADJUSTED);
    }

    // --- allocation -------------------------------------------------------------------------------

    /**
     * Locks the product's stock for an allocation until the transaction ends; empty when the SKU is
     * not a catalogue product (a service, a made-to-order item), which has no stock to allocate.
     */
    public Optional<StockCount> lockForAllocation(String sku) {
        return jdbc.query("select on_hand, counted_at from product where sku = ? for update", (rs, i) -> {
            Timestamp countedAt = rs.getTimestamp("counted_at");
            return new StockCount(rs.getInt("on_hand"), countedAt == null ? null : countedAt.toInstant());
        }, sku).stream().findFirst();
    }

    /**
     * Locks the rows of the products among {@code skus} until the transaction ends, in SKU order and
     * in one statement (a consumer's batch takes them up front, before the SKUs' protection locks,
     * as every stock change does); SKUs not in the catalogue are left out. Their stock per
     * warehouse is read then too, in one more statement, and handed to the first
     * {@link #lockStock} of each SKU in the transaction: a batch sells most of the catalogue, and
     * reading each SKU's stock on its own was two statements a SKU. Answers the units on hand of
     * each product locked.
     */
    public Map<String, Integer> lockProducts(List<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        Map<String, StockCount> counts = new LinkedHashMap<>();
        jdbc.query(connection -> {
            java.sql.PreparedStatement statement = connection.prepareStatement(
                    "select sku, on_hand, counted_at from product where sku = any(?) order by sku for update");
            statement.setArray(1, connection.createArrayOf("text", skus.toArray()));
            return statement;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
            Timestamp countedAt = rs.getTimestamp(3);
            counts.put(rs.getString(1), new StockCount(rs.getInt(2), countedAt == null ? null : countedAt.toInstant()));
        });
        Map<String, Integer> onHand = new HashMap<>();
        counts.forEach((sku, count) -> onHand.put(sku, count.onHand()));
        Map<String, SkuStock> ahead = lockedAhead.current();
        if (ahead == null || counts.isEmpty()) {
            return onHand;
        }
        // After the locks, in a statement of their own (see lockStock).
        Map<String, Map<String, Integer>> warehouses = new HashMap<>();
        jdbc.query("select sku, warehouse_id, on_hand from stock where sku = any(?) order by sku, warehouse_id", rs -> {
            warehouses.computeIfAbsent(rs.getString(1), sku -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
        }, (Object) counts.keySet().toArray(String[]::new));
        counts.forEach((sku, count) -> ahead.put(sku,
                new SkuStock(sku, count.onHand(), count.countedAt(), warehouses.getOrDefault(sku, Map.of()))));
        return onHand;
    }

    /**
     * Locks the product's row for an allocation until the transaction ends, and reads its stock in
     * every warehouse; empty when the SKU is not a catalogue product. What the
     * allocation then decides ({@link SkuStock#take}) it stores with {@link #sold}. The first call
     * for a SKU the transaction locked ahead ({@link #lockProducts}) answers what was read then:
     * nothing changed it since, as the lock was held and nothing of the transaction wrote it yet.
     */
    public Optional<SkuStock> lockStock(String sku) {
        Map<String, SkuStock> ahead = lockedAhead.current();
        SkuStock readAhead = ahead == null ? null : ahead.remove(sku);
        if (readAhead != null) {
            return Optional.of(readAhead);
        }
        Optional<StockCount> count = lockForAllocation(sku);
        if (count.isEmpty()) {
            return Optional.empty();
        }
        // Read after the lock, in a statement of its own: one statement joining the warehouses to
        // the row it waited for would see them as they were before the transaction it waited for.
        Map<String, Integer> warehouses = new LinkedHashMap<>();
        jdbc.query("select warehouse_id, on_hand from stock where sku = ? order by warehouse_id",
                rs -> {
                    warehouses.put(rs.getString(1), rs.getInt(2));
                }, sku);
        return Optional.of(new SkuStock(sku, count.get().onHand(), count.get().countedAt(), warehouses));
    }

    /**
     * Stores a sale's take out of stock as allocation decided it on the locked product
     * ({@link #lockStock}): the warehouses' and the product's new units are written when the
     * transaction commits — a consumer's batch takes from one SKU many times, and each take is then
     * one row fewer to update — and each warehouse's new level is announced now, in order.
     */
    public void sold(SkuStock.Taken taken) {
        SkuStock after = taken.stock();
        for (String warehouseId : taken.warehouses()) {
            stockAtCommit.add(new WarehouseUnits(after.sku(), warehouseId, after.warehouses().get(warehouseId)));
            announceLevel(after.sku(), warehouseId, after.warehouses().get(warehouseId), after.onHand(), StockCause.SOLD);
        }
        productAtCommit.add(new WarehouseUnits(after.sku(), null, after.onHand()));
    }

    /**
     * Takes {@code units} sold out of the SKU's stock at once, from the warehouses holding most
     * first, and publishes each warehouse's new level; returns the SKU's new total. For waiting
     * orders served as stock arrives, where what follows in the transaction reads the stock back.
     * The product must be locked ({@link #lockForAllocation}) and hold the units: allocation decided
     * that they exist. Protections are not told here: the allocation that took the units settles
     * them itself.
     */
    public int take(String sku, int units) {
        SkuStock stock = lockStock(sku).orElseThrow(() -> new NotFoundException("No product " + sku));
        if (units <= 0) {
            return stock.onHand();
        }
        SkuStock.Taken taken = stock.take(units);
        SkuStock after = taken.stock();
        jdbc.batchUpdate("update stock set on_hand = ?, updated_at = now() where sku = ? and warehouse_id = ?",
                taken.warehouses().stream()
                        .map(w -> new Object[] { after.warehouses().get(w), sku, w }).toList());
        jdbc.update("update product set on_hand = ?, updated_at = now() where sku = ?", after.onHand(), sku);
        for (String warehouseId : taken.warehouses()) {
            announceLevel(sku, warehouseId, after.warehouses().get(warehouseId), after.onHand(), StockCause.SOLD);
        }
        return after.onHand();
    }

    // --- warehouses -------------------------------------------------------------------------------

    /** Creates or renames a warehouse; true when it was created. */
    @Transactional
    public boolean saveWarehouse(String id, String name, String region) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                insert into warehouse (id, name, region) values (?, ?, ?)
                on conflict (id) do update set name = excluded.name, region = excluded.region, updated_at = now()
                returning (xmax = 0)""", Boolean.class, id, name, region));
    }

    public Optional<Warehouse> warehouse(String id) {
        return jdbc.query("select * from warehouse where id = ?", Catalogue::warehouse, id).stream().findFirst();
    }

    public List<Warehouse> warehouses() {
        return jdbc.query("select * from warehouse order by id", Catalogue::warehouse);
    }

    // --- incoming supply --------------------------------------------------------------------------

    /** Stores supply on its way and announces it as {@code SupplyExpected}. */
    @Transactional
    public IncomingSupply expect(NewSupply supply) {
        if (find(supply.sku()).isEmpty()) {
            throw new InvalidEventException("sku", "no product " + supply.sku());
        }
        if (warehouse(supply.warehouseId()).isEmpty()) {
            throw new InvalidEventException("warehouseId", "no warehouse " + supply.warehouseId());
        }
        supply.check(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into incoming_supply (id, kind, sku, warehouse_id, quantity, due_on, status)
                values (?, ?, ?, ?, ?, ?, 'EXPECTED')""",
                id, supply.kind().name(), supply.sku(), supply.warehouseId(), supply.quantity(), supply.dueOn());
        SupplyExpected event = new SupplyExpected(UUID.randomUUID(), clock.instant(), id, supply.kind(), supply.sku(),
                supply.warehouseId(), supply.quantity(), supply.dueOn());
        outbox.append(event.eventId(), Topics.STOCK, supply.sku(), "SupplyExpected", event);
        events.publishEvent(PlanningInputChanged.SUPPLY);
        return findSupply(id).orElseThrow();
    }

    public Optional<IncomingSupply> findSupply(UUID id) {
        return jdbc.query("select * from incoming_supply where id = ?", Catalogue::supply, id).stream().findFirst();
    }

    /** Supply of every status, optionally of one SKU, soonest due first. */
    public List<IncomingSupply> incoming(String sku, int page, int size) {
        return jdbc.query("""
                select * from incoming_supply where (?::text is null or sku = ?)
                order by due_on, created_at, id limit ? offset ?""", Catalogue::supply,
                sku, sku, size, (long) page * size);
    }

    /**
     * Books supply as arrived: its quantity joins its warehouse's stock, and protections are
     * re-shared as for any stock change. Supply that is not EXPECTED any more is refused, so it is
     * never counted twice.
     */
    @Transactional
    public IncomingSupply receive(UUID id) {
        IncomingSupply supply = findSupply(id).orElseThrow(() -> new NotFoundException("No incoming supply " + id));
        lockProduct(supply.sku());
        // Decided under the product lock and by the update itself: of two concurrent receipts, one wins.
        int received = jdbc.update("""
                update incoming_supply set status = 'RECEIVED', received_at = ?
                where id = ? and status = 'EXPECTED'""", Timestamp.from(clock.instant()), id);
        if (received == 0) {
            throw new ConflictException("Incoming supply " + id + " is " + findSupply(id).orElseThrow().status()
                    + ", not EXPECTED");
        }
        jdbc.update("""
                insert into stock (sku, warehouse_id, on_hand) values (?, ?, ?)
                on conflict (sku, warehouse_id) do update set on_hand = stock.on_hand + excluded.on_hand,
                                                              updated_at = now()""",
                supply.sku(), supply.warehouseId(), supply.quantity());
        stockChanged(supply.sku(), supply.warehouseId(), StockCause.RECEIVED);
        return findSupply(id).orElseThrow();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private void lockProduct(String sku) {
        if (jdbc.queryForList("select sku from product where sku = ? for update", String.class, sku).isEmpty()) {
            throw new NotFoundException("No product " + sku);
        }
    }

    private void requireWarehouse(String warehouseId) {
        if (warehouse(warehouseId).isEmpty()) {
            throw new NotFoundException("No warehouse " + warehouseId);
        }
    }

    /** Recomputes the SKU's total, tells protections and allocation, and publishes the change; the product is locked. */
    private void stockChanged(String sku, String warehouseId, StockCause cause) {
        int skuOnHand = publishLevel(sku, warehouseId, cause);
        events.publishEvent(new StockChanged(sku, skuOnHand));
        events.publishEvent(PlanningInputChanged.STOCK);
    }

    /** Recomputes the SKU's total and appends the warehouse's new level to kam.stock.v1; returns the total. */
    private int publishLevel(String sku, String warehouseId, StockCause cause) {
        Integer skuOnHand = jdbc.queryForObject("""
                update product set on_hand = (select coalesce(sum(on_hand), 0) from stock where sku = ?), updated_at = now()
                where sku = ? returning on_hand""", Integer.class, sku, sku);
        Integer onHand = jdbc.queryForObject("select on_hand from stock where sku = ? and warehouse_id = ?",
                Integer.class, sku, warehouseId);
        announceLevel(sku, warehouseId, onHand, skuOnHand, cause);
        return skuOnHand;
    }

    private void announceLevel(String sku, String warehouseId, int warehouseOnHand, int skuOnHand, StockCause cause) {
        StockLevelChanged event = new StockLevelChanged(UUID.randomUUID(), clock.instant(), sku, warehouseId,
                warehouseOnHand, skuOnHand, cause);
        outbox.append(event.eventId(), Topics.STOCK, sku, "StockChanged", event);
    }

    /** Units of a SKU in one warehouse ({@code warehouseId} null: the product's total), to write at the commit. */
    private record WarehouseUnits(String sku, String warehouseId, int onHand) {
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getString("sku"), rs.getString("name"), rs.getString("product_line"),
                rs.getBoolean("technical"), rs.getInt("on_hand"),
                new LeadTimes(rs.getObject("production_lead_days", Integer.class),
                        rs.getObject("transport_lead_days", Integer.class)), rs.getTimestamp("updated_at").toInstant());
    }

    private static Warehouse warehouse(ResultSet rs, int row) throws SQLException {
        return new Warehouse(rs.getString("id"), rs.getString("name"), rs.getString("region"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static IncomingSupply supply(ResultSet rs, int row) throws SQLException {
        Timestamp receivedAt = rs.getTimestamp("received_at");
        return new IncomingSupply(rs.getObject("id", UUID.class), SupplyKind.valueOf(rs.getString("kind")),
                rs.getString("sku"), rs.getString("warehouse_id"), rs.getInt("quantity"),
                rs.getObject("due_on", LocalDate.class), SupplyStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), receivedAt == null ? null : receivedAt.toInstant());
    }
}
