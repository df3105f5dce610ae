package org.kam.stack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A year in the life of an industrial supplier, made up but shaped like the real thing: a long tail
 * of customers where a fifth of them bring about four fifths of the revenue, a few customers growing
 * fast (potential key accounts), air-conditioning parts selling in summer, heating parts in winter,
 * and bearings and valves all year round. The same seed always gives the same customers, products and
 * sales (with the same event ids, so loading twice changes nothing); only the dates follow today.
 *
 * @param sales the year's sales, oldest first, as an ERP would have sent them
 */
record DemoData(List<Customer> customers, List<Product> products, List<Sale> sales, List<Staff> staff,
        List<Contact> contacts, List<Report> reports) {

    static final long SEED = 20_260_101L;
    static final int SALES = 3000;

    /** @param openedOn its opening anniversary is a yearly key date; @param owner a staff id of {@link #staff} */
    record Customer(String id, String name, String industry, String region, LocalDate openedOn, String owner) {
    }

    record Product(String sku, String name, String productLine, boolean technical, int onHand, BigDecimal unitPrice,
            Season season, int typicalQuantity) {
    }

    record Sale(UUID eventId, String accountId, String orderId, String sku, int quantity, BigDecimal amount,
            Instant occurredAt) {
    }

    /** When in the year a product sells most; {@code peakDayOfYear} 0 means all year round. */
    /** Someone at the supplier: account managers under a lead, up to the CEO; executives visit key accounts. */
    record Staff(String id, String name, String title, String supervisorId, boolean executive) {
    }

    /** A person at a customer, who reports to the contact before them at the same customer (null: the top). */
    record Contact(String accountId, String name, String level, String title, List<String> roles, int influence,
            String ownerStaffId) {
    }

    /** A report for the intelligence register, as a person would file it ({@code reportedOn} days before today). */
    record Report(String source, String sourceOrganisation, LocalDate reportedOn, List<String> accounts,
            List<String> productLines, String title, String text, String link) {
    }

    /** The supplier's people, top down (a supervisor comes before those reporting to them). */
    static final List<Staff> STAFF = List.of(
            new Staff("ceo-hilde", "Hilde Brandt", "Chief executive", null, true),
            new Staff("vp-sales-omar", "Omar Haddad", "VP Sales", "ceo-hilde", true),
            new Staff("vp-ops-lena", "Lena Vogt", "VP Operations", "ceo-hilde", true),
            new Staff("dir-kam-rui", "Rui Santos", "Director key accounts", "vp-sales-omar", true),
            new Staff("lead-ines", "Ines Moreau", "Key account lead", "dir-kam-rui", false),
            new Staff("kam-anna", "Anna Berg", "Key account manager", "lead-ines", false),
            new Staff("kam-ben", "Ben Okafor", "Key account manager", "lead-ines", false),
            new Staff("kam-carla", "Carla Rossi", "Key account manager", "lead-ines", false),
            new Staff("kam-dirk", "Dirk Jansen", "Key account manager", "lead-ines", false));

    private static final List<String> OWNERS = List.of("kam-anna", "kam-ben", "kam-carla", "kam-dirk");

    record Season(int peakDayOfYear, double strength) {
        static final Season ALL_YEAR = new Season(0, 0);
        static final Season SUMMER = new Season(196, 0.9);
        static final Season WINTER = new Season(15, 0.9);

        double weight(Instant day) {
            if (strength == 0) {
                return 1;
            }
            int dayOfYear = day.atZone(ZoneOffset.UTC).getDayOfYear();
            return 1 + strength * Math.cos(2 * Math.PI * (dayOfYear - peakDayOfYear) / 365.25);
        }
    }

    private static final String[][] CUSTOMERS = {
            {"Rheinwerk Maschinenbau GmbH", "Machinery", "DACH"},
            {"Nordic Cooling Systems AB", "HVAC", "Nordics"},
            {"Iberia Climatización S.L.", "HVAC", "Iberia"},
            {"Vulcan Heat Pumps Ltd", "HVAC", "UK & Ireland"},
            {"Brenner Antriebstechnik AG", "Machinery", "DACH"},
            {"Lombardia Impianti S.p.A.", "Building services", "Italy"},
            {"Polska Stal Serwis Sp. z o.o.", "Steel", "Central Europe"},
            {"Delta Process Valves B.V.", "Chemicals", "Benelux"},
            {"Sud-Ouest Froid Industriel SAS", "Food & beverage", "France"},
            {"Tatra Mining Equipment a.s.", "Mining", "Central Europe"},
            {"Baltic Marine Engineering UAB", "Shipbuilding", "Nordics"},
            {"Alpen Energie Service GmbH", "Energy", "DACH"},
            {"Thames Facilities Group plc", "Building services", "UK & Ireland"},
            {"Flandria Food Processing NV", "Food & beverage", "Benelux"},
            {"Castilla Agro Maquinaria S.A.", "Agriculture", "Iberia"},
            {"Hanse Logistics Technik GmbH", "Logistics", "DACH"},
            {"Aurora Data Centres Oy", "Data centres", "Nordics"},
            {"Piemonte Automotive Components S.r.l.", "Automotive", "Italy"},
            {"Lyon Chimie Fine SA", "Chemicals", "France"},
            {"Danube Pump Works Kft.", "Machinery", "Central Europe"},
            {"Celtic Dairy Equipment Ltd", "Food & beverage", "UK & Ireland"},
            {"Westfalen Kältetechnik GmbH", "HVAC", "DACH"},
            {"Porto Textile Machinery Lda", "Textiles", "Iberia"},
            {"Scania Hydraulics Service AB", "Machinery", "Nordics"},
            {"Veneto Caldaie S.p.A.", "HVAC", "Italy"},
            {"Rotterdam Terminal Services B.V.", "Logistics", "Benelux"},
            {"Bohemia Glassworks s.r.o.", "Glass", "Central Europe"},
            {"Provence Solar Thermique SARL", "Energy", "France"},
            {"Sheffield Precision Bearings Ltd", "Machinery", "UK & Ireland"},
            {"Tirol Seilbahn Technik GmbH", "Transport", "DACH"},
            {"Andalucía Riego Industrial S.L.", "Agriculture", "Iberia"},
            {"Jutland Wind Service ApS", "Energy", "Nordics"},
            {"Emilia Packaging Machines S.r.l.", "Packaging", "Italy"},
            {"Wallonie Papeteries SA", "Paper", "Benelux"},
            {"Silesia Coke & Chemicals S.A.", "Chemicals", "Central Europe"},
            {"Bretagne Conserveries SAS", "Food & beverage", "France"},
            {"Clyde Offshore Supplies Ltd", "Oil & gas", "UK & Ireland"},
            {"Saxonia Kunststofftechnik GmbH", "Plastics", "DACH"},
            {"Galicia Naval Repairs S.L.", "Shipbuilding", "Iberia"},
            {"Uppsala Lab Instruments AB", "Laboratory", "Nordics"},
    };

    /**
     * Size ranks (1 = biggest) of customers whose purchases climb steeply through the year: mid-sized
     * today, they are the potential key accounts to spot.
     */
    private static final List<Integer> RISING_RANKS = List.of(9, 12, 15);

    /** The demo data set with sales in the 365 days before {@code now}. */
    static DemoData generate(Instant now) {
        // Separate generators, so that who bought what, and the event ids, do not depend on the dates.
        Random random = new Random(SEED);
        Random calendar = new Random(SEED + 1);
        Random ids = new Random(SEED + 2);
        List<Customer> listed = directory();
        List<Product> products = catalogue();

        // Customer sizes: rank r (shuffled over the directory) orders 1/r as often as the biggest and in
        // orders shrinking like r^-0.4, so revenue falls off like r^-1.4 - close to 80/20 for 40 customers.
        List<Customer> byRank = new ArrayList<>(listed);
        Collections.shuffle(byRank, random);
        // Opening dates: the three biggest customers (KEY accounts for sure) have their anniversary 3, 6
        // and 10 days from now, so an alert is raised at once and, unacknowledged, climbs the hierarchy;
        // the others spread over the year.
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Customer> customers = new ArrayList<>();
        for (Customer customer : listed) {
            int rank = byRank.indexOf(customer) + 1;
            int index = listed.indexOf(customer);
            LocalDate anniversary = rank <= 3 ? today.plusDays(new int[] { 3, 6, 10 }[rank - 1])
                    : today.plusDays(20 + (index * 53L) % 330);
            // Anna owns the three: her alerts are the ones to watch climb to her lead and his director.
            customers.add(new Customer(customer.id(), customer.name(), customer.industry(), customer.region(),
                    anniversary.minusYears(8 + index % 40), rank <= 3 ? "kam-anna" : OWNERS.get(index % OWNERS.size())));
        }
        for (int i = 0; i < byRank.size(); i++) {
            byRank.set(i, customers.get(listed.indexOf(byRank.get(i))));
        }
        double[] frequency = new double[byRank.size()];
        double[] orderSize = new double[byRank.size()];
        for (int rank = 1; rank <= byRank.size(); rank++) {
            frequency[rank - 1] = 1.0 / rank;
            orderSize[rank - 1] = Math.pow(rank, -0.4);
        }
        double totalFrequency = Arrays.stream(frequency).sum();

        List<Sale> sales = new ArrayList<>(SALES);
        for (int n = 0; n < SALES; n++) {
            int rank = pick(frequency, totalFrequency, random);
            Customer customer = byRank.get(rank);
            Product product = products.get(random.nextInt(products.size()));
            Instant occurredAt = date(now, product.season(), RISING_RANKS.contains(rank + 1), calendar);
            double size = orderSize[rank] * 3;
            int quantity = Math.max(1, (int) Math.round(product.typicalQuantity() * size * (0.5 + random.nextDouble())));
            // Bigger customers negotiate better prices: up to 8 % off list.
            BigDecimal discount = BigDecimal.valueOf(1 - 0.08 * orderSize[rank]);
            BigDecimal amount = product.unitPrice().multiply(BigDecimal.valueOf(quantity)).multiply(discount)
                    .setScale(2, RoundingMode.HALF_UP);
            sales.add(new Sale(uuid(ids), customer.id(), "SO-%06d".formatted(100_000 + n), product.sku(), quantity,
                    amount, occurredAt));
        }
        sales.sort(Comparator.comparing(Sale::occurredAt));
        return new DemoData(List.copyOf(customers), products, List.copyOf(sales), STAFF, contacts(byRank),
                reports(byRank, today));
    }

    private static List<Customer> directory() {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS.length; i++) {
            customers.add(new Customer("C-" + (1001 + i), CUSTOMERS[i][0], CUSTOMERS[i][1], CUSTOMERS[i][2], null, null));
        }
        return List.copyOf(customers);
    }

    /**
     * People at the two biggest customers: an executive who decides, a manager who approves payments
     * and a salesperson under them; nobody in the warehouse, so the KEY checklist shows a gap.
     */
    private static List<Contact> contacts(List<Customer> byRank) {
        List<Contact> contacts = new ArrayList<>();
        for (Customer customer : byRank.subList(0, 2)) {
            contacts.add(new Contact(customer.id(), "Sofia Lindqvist", "EXECUTIVE", "Managing director",
                    List.of("DECISION_MAKER"), 5, customer.owner()));
            contacts.add(new Contact(customer.id(), "Marek Nowak", "MANAGER", "Head of purchasing",
                    List.of("PURCHASING_APPROVER", "PAYMENT_APPROVER"), 4, customer.owner()));
            contacts.add(new Contact(customer.id(), "Tom Becker", "FRONTLINE", "Sales counter",
                    List.of("SALESPERSON"), 2, customer.owner()));
        }
        return List.copyOf(contacts);
    }

    /**
     * The intelligence register's start: one competitor story from three independent organisations
     * (worded differently: one CONFIRMED item), a regulation told by two, news of the biggest
     * customer from one (UNCONFIRMED), a port strike from one.
     */
    private static List<Report> reports(List<Customer> byRank, LocalDate today) {
        String biggest = byRank.get(0).id();
        String second = byRank.get(1).id();
        return List.of(
                new Report("news feed", "Reuters", today.minusDays(9), List.of(), List.of("Air conditioning"),
                        "Polar Compressors cuts scroll compressor prices by 12 % in Europe",
                        "Polar Compressors will cut list prices of its 20 kW and 35 kW scroll compressors by 12 % across Europe from next month, "
                                + "the company said on Tuesday.", "https://example.org/reuters/polar-prices"),
                new Report("trade press", "Cooling Post", today.minusDays(8), List.of(), List.of("Air conditioning"),
                        "Polar Compressors to lower European scroll compressor prices 12 %",
                        "Polar Compressors is lowering list prices of its 20 kW and 35 kW scroll compressors by 12 % across Europe from next month.",
                        "https://example.org/coolingpost/polar"),
                new Report("field report", "Own sales force", today.minusDays(7), List.of(second), List.of("Air conditioning"),
                        "Customer reports Polar Compressors price cut of 12 % on scroll compressors",
                        "Purchasing says Polar Compressors cut list prices of its 20 kW and 35 kW scroll compressors by 12 % across Europe from next month.",
                        null),
                new Report("official journal", "European Commission", today.minusDays(20), List.of(), List.of("Air conditioning", "Heating"),
                        "F-gas regulation: refrigerant quota cut by a further 15 % from 2027",
                        "The quota of hydrofluorocarbon refrigerants placed on the EU market is cut by a further 15 % from January 2027; "
                                + "heat pumps and air conditioning with low-GWP refrigerants are exempt.",
                        "https://example.org/eu/fgas-2027"),
                new Report("newsletter", "Eurovent", today.minusDays(18), List.of(), List.of("Air conditioning", "Heating"),
                        "EU cuts HFC refrigerant quota by another 15 % from 2027",
                        "From January 2027 the quota of hydrofluorocarbon refrigerants on the EU market falls by a further 15 %; "
                                + "low-GWP heat pumps and air conditioning are exempt.",
                        "https://example.org/eurovent/fgas"),
                new Report("phone call", "Own sales force", today.minusDays(4), List.of(biggest), List.of("Heating"),
                        "Biggest customer plans a second heat pump assembly line",
                        "The plant manager says a second heat pump assembly line is planned for the third quarter, doubling their intake of 12 kW units.",
                        null),
                new Report("news feed", "Lloyd's List", today.minusDays(2), List.of(), List.of(),
                        "Dock strike at Rotterdam container terminals enters second week",
                        "Dockers at two Rotterdam container terminals extend their strike into a second week; shipping lines divert to Antwerp.",
                        "https://example.org/lloyds/rotterdam-strike"));
    }

    private static List<Product> catalogue() {
        return List.of(
                new Product("AC-CMP-20", "Scroll compressor 20 kW for air conditioning", "Air conditioning", true, 400,
                        new BigDecimal("1450.00"), Season.SUMMER, 4),
                new Product("AC-CMP-35", "Scroll compressor 35 kW for air conditioning", "Air conditioning", true, 150,
                        new BigDecimal("2290.00"), Season.SUMMER, 2),
                new Product("AC-FAN-900", "Condenser fan motor 900 W", "Air conditioning", false, 900,
                        new BigDecimal("185.00"), Season.SUMMER, 12),
                new Product("HP-AW-12", "Air-to-water heat pump 12 kW", "Heating", true, 120,
                        new BigDecimal("6900.00"), Season.WINTER, 2),
                new Product("HP-CIRC-40", "Heating circulation pump 40 W", "Heating", false, 1500,
                        new BigDecimal("96.50"), Season.WINTER, 25),
                new Product("BRG-6205-2RS", "Deep groove ball bearing 6205-2RS", "Bearings", false, 20000,
                        new BigDecimal("4.80"), Season.ALL_YEAR, 200),
                new Product("BRG-22220-E", "Spherical roller bearing 22220 E", "Bearings", false, 600,
                        new BigDecimal("312.00"), Season.ALL_YEAR, 6),
                new Product("VLV-BALL-DN50", "Stainless ball valve DN50 PN40", "Valves", false, 2500,
                        new BigDecimal("128.00"), Season.ALL_YEAR, 15));
    }

    private static int pick(double[] weights, double total, Random random) {
        double target = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A moment in the year before {@code now}, likelier in the product's season (rejection sampling). */
    private static Instant date(Instant now, Season season, boolean rising, Random random) {
        double maxWeight = 1 + season.strength();
        while (true) {
            double age = random.nextDouble(); // 0 = now, 1 = a year ago
            Instant candidate = now.minus(Duration.ofSeconds((long) (age * 365 * 24 * 3600)));
            double weight = season.weight(candidate) * (rising ? (1 - age) * (1 - age) : 1);
            if (random.nextDouble() * maxWeight < weight) {
                return candidate;
            }
        }
    }

    /** A version-4-shaped UUID from the seeded generator, so the data set's event ids never change. */
    private static UUID uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
