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
 * Three years in the life of an industrial supplier, made up but shaped like the real thing: about
 * 2,000 customers in a long tail where a fifth of them bring about four fifths of the revenue, 200
 * SKUs in eleven product lines (air conditioning selling in summer, heating in winter, irrigation in
 * spring, bearings and valves all year round), and a story to find in it: three mid-sized customers
 * growing fast in the last year and a half (REGULAR, then POTENTIAL, then KEY), and one key account
 * whose orders collapse nine months before today (KEY lost, a drop on the barometer, a report from the
 * field saying why). The same seed always gives the same customers, products and sales (with the same
 * event ids, so loading twice changes nothing); only the dates follow today.
 *
 * @param sales      the sales, oldest first, as an ERP would have sent them
 * @param growers    the three customers that grow into key accounts
 * @param collapsing the key account whose orders collapse
 */
record DemoData(List<Customer> customers, List<Product> products, List<Sale> sales, List<Staff> staff,
        List<Contact> contacts, List<Report> reports, List<String> growers, String collapsing) {

    static final long SEED = 20_260_101L;

    /**
     * How much of the supplier to make: {@link #FULL} for {@code ./kam up --demo}; {@link #SMALL}, the
     * same story and the same first customers and SKUs on a smaller scale, for tests that need a demo in
     * seconds ({@code KAM_DEMO_SIZE=small} gives it to a person too).
     */
    record Size(int customers, int products, int years, int sales) {
        static final Size FULL = new Size(2000, 200, 3, 20_000);
        static final Size SMALL = new Size(120, 40, 2, 4_000);

        static Size named(String name) {
            return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "", "full" -> FULL;
                case "small" -> SMALL;
                default -> throw new StackException("KAM_DEMO_SIZE is full or small, not " + name);
            };
        }
    }

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

    /** The full demo data set, with sales in the three years before {@code now}. */
    static DemoData generate(Instant now) {
        return generate(now, Size.FULL);
    }

    /** The demo data set of {@code size}, with sales in the {@code size.years()} years before {@code now}. */
    static DemoData generate(Instant now, Size size) {
        // Separate generators, so that who bought what, and the event ids, do not depend on the dates.
        Random random = new Random(SEED);
        Random calendar = new Random(SEED + 1);
        Random ids = new Random(SEED + 2);
        List<Customer> listed = directory(size.customers(), new Random(SEED + 3));
        List<Product> products = catalogue(size.products(), new Random(SEED + 4));

        // Customer sizes: the forty named customers hold the top forty ranks in some order, the generated
        // ones the rest. Rank r orders 1/r^0.95 as often as the biggest, in orders shrinking like r^-0.35:
        // revenue falls off like r^-1.3, about 80/20.
        List<Customer> byRank = new ArrayList<>(listed.subList(0, Math.min(CUSTOMERS.length, listed.size())));
        Collections.shuffle(byRank, random);
        List<Customer> tail = new ArrayList<>(listed.subList(byRank.size(), listed.size()));
        Collections.shuffle(tail, random);
        byRank.addAll(tail);
        Story story = Story.of(size);

        // Opening dates: the three biggest customers (KEY accounts for sure) have their anniversary 3, 6
        // and 10 days from now, so an alert is raised at once and, unacknowledged, climbs the hierarchy;
        // the others spread over the year, two weeks away at the earliest.
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        java.util.Map<String, Customer> dated = new java.util.HashMap<>();
        for (int rank = 1; rank <= byRank.size(); rank++) {
            Customer customer = byRank.get(rank - 1);
            int index = listed.indexOf(customer);
            LocalDate anniversary = rank <= 3 ? today.plusDays(new int[] { 3, 6, 10 }[rank - 1])
                    : today.plusDays(20 + (index * 53L) % 330);
            // Anna owns the three: her alerts are the ones to watch climb to her lead and his director.
            dated.put(customer.id(), new Customer(customer.id(), customer.name(), customer.industry(), customer.region(),
                    anniversary.minusYears(8 + index % 40), rank <= 3 ? "kam-anna" : OWNERS.get(index % OWNERS.size())));
        }
        List<Customer> customers = listed.stream().map(c -> dated.get(c.id())).toList();
        byRank.replaceAll(c -> dated.get(c.id()));

        double[] frequency = new double[byRank.size()];
        double[] orderSize = new double[byRank.size()];
        for (int rank = 1; rank <= byRank.size(); rank++) {
            frequency[rank - 1] = Math.pow(rank, -0.85) * story.orderBoost(rank);
            orderSize[rank - 1] = Math.pow(rank, -0.3);
        }
        double totalFrequency = Arrays.stream(frequency).sum();
        java.util.Map<String, List<Product>> byLine = new java.util.LinkedHashMap<>();
        products.forEach(product -> byLine.computeIfAbsent(product.productLine(), l -> new ArrayList<>()).add(product));

        List<Sale> sales = new ArrayList<>(size.sales());
        for (int n = 0; n < size.sales(); n++) {
            int rank = pick(frequency, totalFrequency, random) + 1;
            Customer customer = byRank.get(rank - 1);
            Product product = productFor(customer, byLine, random);
            Instant occurredAt = date(now, size.years(), product.season(), story, rank, calendar);
            double scale = orderSize[rank - 1] * 3;
            int quantity = Math.max(1, (int) Math.round(product.typicalQuantity() * scale * (0.5 + random.nextDouble())));
            // Bigger customers negotiate better prices: up to 8 % off list.
            BigDecimal discount = BigDecimal.valueOf(1 - 0.08 * orderSize[rank - 1]);
            BigDecimal amount = product.unitPrice().multiply(BigDecimal.valueOf(quantity)).multiply(discount)
                    .setScale(2, RoundingMode.HALF_UP);
            sales.add(new Sale(uuid(ids), customer.id(), "SO-%07d".formatted(1_000_000 + n), product.sku(), quantity,
                    amount, occurredAt));
        }
        sales.sort(Comparator.comparing(Sale::occurredAt));
        List<String> growers = story.growerRanks().stream().map(rank -> byRank.get(rank - 1).id()).toList();
        String collapsing = byRank.get(story.collapseRank() - 1).id();
        return new DemoData(customers, products, List.copyOf(sales), STAFF, contacts(byRank),
                reports(byRank, today, collapsing, growers.get(0)), growers, collapsing);
    }

    /**
     * The story in the numbers, by size rank: three growers deep in the tail whose orders climb
     * thirty-fold over the last eighteen months (REGULAR, POTENTIAL, then KEY), and one key account, in
     * the middle of the key group, whose orders fall to a trickle ten months before today (KEY, then
     * not). DemoDataTest checks the tiers these give, by the README's rule computed from scratch.
     */
    record Story(List<Integer> growerRanks, int collapseRank) {

        static Story of(Size size) {
            int n = size.customers();
            return new Story(List.of(n * 55 / 100, n * 65 / 100, n * 75 / 100), Math.max(6, n / 40));
        }

        /** Growers order more in all: their three years' orders fall mostly in the last one. */
        double orderBoost(int rank) {
            return growerRanks.contains(rank) ? 40 : 1;
        }

        /** How much more (or less) a customer orders {@code ageYears} before today than usual. */
        double weight(int rank, double ageYears) {
            if (growerRanks.contains(rank)) {
                // A thirtieth of today's rate until eighteen months ago, then thirty-fold growth.
                return ageYears > 1.5 ? 1 / 30.0 : Math.exp(Math.log(30) * (1.5 - ageYears) / 1.5) / 30;
            }
            if (rank == collapseRank) {
                return ageYears > 10 / 12.0 ? 1 : 0.03;
            }
            return 1;
        }

        double maxWeight(int rank) {
            return 1;
        }
    }

    /** Industries buy from their own product lines; a few of everything else. */
    private static Product productFor(Customer customer, java.util.Map<String, List<Product>> byLine, Random random) {
        List<String> lines = new ArrayList<>(LINES_BY_INDUSTRY.getOrDefault(customer.industry(), List.of("Bearings", "Valves")));
        lines.retainAll(byLine.keySet());
        List<String> chosen = lines.isEmpty() || random.nextDouble() < 0.15 ? new ArrayList<>(byLine.keySet()) : lines;
        List<Product> line = byLine.get(chosen.get(random.nextInt(chosen.size())));
        // Within a line a few SKUs sell most (Zipf-like): the square of a uniform number favours the first.
        double u = random.nextDouble();
        return line.get((int) (u * u * line.size()));
    }

    private static final java.util.Map<String, List<String>> LINES_BY_INDUSTRY = java.util.Map.ofEntries(
            java.util.Map.entry("HVAC", List.of("Air conditioning", "Heating", "Controls")),
            java.util.Map.entry("Building services", List.of("Heating", "Air conditioning", "Pumps", "Valves")),
            java.util.Map.entry("Data centres", List.of("Air conditioning", "Controls", "Filters")),
            java.util.Map.entry("Energy", List.of("Heating", "Valves", "Controls", "Pumps")),
            java.util.Map.entry("Machinery", List.of("Bearings", "Motors", "Seals", "Fasteners")),
            java.util.Map.entry("Automotive", List.of("Bearings", "Fasteners", "Seals")),
            java.util.Map.entry("Mining", List.of("Bearings", "Pumps", "Seals")),
            java.util.Map.entry("Steel", List.of("Bearings", "Motors", "Valves")),
            java.util.Map.entry("Chemicals", List.of("Valves", "Pumps", "Seals", "Filters")),
            java.util.Map.entry("Oil & gas", List.of("Valves", "Seals", "Pumps")),
            java.util.Map.entry("Food & beverage", List.of("Valves", "Pumps", "Seals", "Filters")),
            java.util.Map.entry("Agriculture", List.of("Irrigation", "Bearings", "Pumps")),
            java.util.Map.entry("Shipbuilding", List.of("Valves", "Pumps", "Motors")),
            java.util.Map.entry("Logistics", List.of("Bearings", "Motors", "Fasteners")),
            java.util.Map.entry("Packaging", List.of("Bearings", "Motors", "Controls")),
            java.util.Map.entry("Paper", List.of("Bearings", "Pumps", "Filters")),
            java.util.Map.entry("Textiles", List.of("Bearings", "Motors")),
            java.util.Map.entry("Glass", List.of("Heating", "Bearings", "Valves")),
            java.util.Map.entry("Plastics", List.of("Heating", "Motors", "Controls")),
            java.util.Map.entry("Transport", List.of("Bearings", "Motors", "Fasteners")),
            java.util.Map.entry("Laboratory", List.of("Filters", "Valves", "Controls")));

    private static final String[] STEMS = { "Rhein", "Nord", "Alpen", "Baltic", "Danube", "Elbe", "Hanse", "Tatra",
            "Vistula", "Loire", "Adriatic", "Aegean", "Bohemia", "Moravia", "Pomerania", "Lombard", "Tyrol", "Brabant",
            "Aurora", "Helios", "Vega", "Orion", "Atlas", "Titan", "Zenith", "Apex", "Vertex", "Nova", "Boreal", "Cascade",
            "Granite", "Meridian", "Summit", "Harbour", "Falcon", "Oak", "Iron", "Silver", "Copper", "Delta" };
    private static final String[] TRADES = { "Engineering", "Industrial Systems", "Process Technology", "Services",
            "Installations", "Components", "Technik", "Solutions", "Equipment", "Works", "Maintenance", "Automation" };
    private static final java.util.Map<String, String[]> FORMS = java.util.Map.of(
            "DACH", new String[] { "GmbH", "AG", "GmbH & Co. KG" }, "Nordics", new String[] { "AB", "Oy", "ApS", "AS" },
            "Iberia", new String[] { "S.L.", "S.A.", "Lda" }, "Italy", new String[] { "S.p.A.", "S.r.l." },
            "France", new String[] { "SAS", "SA", "SARL" }, "Benelux", new String[] { "B.V.", "NV" },
            "UK & Ireland", new String[] { "Ltd", "plc" }, "Central Europe", new String[] { "Sp. z o.o.", "a.s.", "s.r.o.", "Kft." });

    private static List<Customer> directory(int count, Random random) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS.length && i < count; i++) {
            customers.add(new Customer("C-" + (1001 + i), CUSTOMERS[i][0], CUSTOMERS[i][1], CUSTOMERS[i][2], null, null));
        }
        List<String> industries = List.copyOf(new java.util.TreeSet<>(LINES_BY_INDUSTRY.keySet()));
        List<String> regions = List.copyOf(new java.util.TreeSet<>(FORMS.keySet()));
        java.util.Set<String> names = new java.util.HashSet<>();
        customers.forEach(c -> names.add(c.name()));
        for (int i = customers.size(); i < count; i++) {
            String industry = industries.get(random.nextInt(industries.size()));
            String region = regions.get(random.nextInt(regions.size()));
            String[] forms = FORMS.get(region);
            String name;
            do {
                name = STEMS[random.nextInt(STEMS.length)] + " " + industry.replace(" & ", " and ") + " "
                        + TRADES[random.nextInt(TRADES.length)] + " " + forms[random.nextInt(forms.length)];
            } while (!names.add(name));
            customers.add(new Customer("C-" + (1001 + i), name, industry, region, null, null));
        }
        return List.copyOf(customers);
    }

    /**
     * People at the two biggest customers: an executive who decides, a manager who approves payments
     * and a salesperson under them; nobody in the warehouse, so the KEY checklist shows a gap. At the
     * next eight, only the managing director is known.
     */
    private static List<Contact> contacts(List<Customer> byRank) {
        List<Contact> contacts = new ArrayList<>();
        // The next eight biggest: the supplier knows the boss only.
        for (Customer customer : byRank.subList(2, Math.min(10, byRank.size()))) {
            contacts.add(new Contact(customer.id(), "Jonas Weber", "EXECUTIVE", "Managing director",
                    List.of("DECISION_MAKER"), 5, customer.owner()));
        }
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
    private static List<Report> reports(List<Customer> byRank, LocalDate today, String collapsing, String grower) {
        String biggest = byRank.get(0).id();
        String second = byRank.get(1).id();
        String collapsingName = byRank.stream().filter(c -> c.id().equals(collapsing)).findFirst().orElseThrow().name();
        String growerName = byRank.stream().filter(c -> c.id().equals(grower)).findFirst().orElseThrow().name();
        return List.of(
                new Report("field report", "Own sales force", today.minusDays(290), List.of(collapsing), List.of(),
                        collapsingName + " moves its purchasing to a competitor",
                        "Their new purchasing director signed a three-year framework agreement with a competitor; we keep "
                                + "spare parts for the installed base only.", null),
                new Report("trade press", "Industrie Heute", today.minusDays(120), List.of(grower), List.of(),
                        growerName + " doubles its plant and hires 200",
                        "The company opens a second plant this year and expects to double its output by next summer.",
                        "https://example.org/industrie-heute/expansion"),
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

    /** The eight SKUs the README's examples use, then generated ones across ten product lines, {@code count} in all. */
    private static List<Product> catalogue(int count, Random random) {
        List<Product> products = new ArrayList<>(List.of(
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
                        new BigDecimal("128.00"), Season.ALL_YEAR, 15)));
        java.util.Set<String> skus = new java.util.HashSet<>();
        products.forEach(p -> skus.add(p.sku()));
        for (int i = 0; products.size() < count; i++) {
            Line line = LINES[i % LINES.length];
            int variant = 10 + random.nextInt(890);
            String sku = line.prefix() + "-" + variant;
            if (!skus.add(sku)) {
                continue;
            }
            double price = line.minPrice() * Math.pow(line.maxPrice() / line.minPrice(), random.nextDouble());
            int typical = Math.max(1, (int) Math.round(600 / Math.sqrt(price)));
            products.add(new Product(sku, line.noun() + " " + variant, line.name(), line.technical() && price > 500,
                    Math.max(20, typical * (80 + random.nextInt(200))), BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP),
                    line.season(), typical));
        }
        return List.copyOf(products.subList(0, count));
    }

    /** A product line: its SKUs' prefix and name, their price range, season, and whether they need a technician. */
    private record Line(String name, String prefix, String noun, double minPrice, double maxPrice, Season season,
            boolean technical) {
    }

    private static final Season SPRING = new Season(120, 0.9);

    private static final Line[] LINES = {
            new Line("Air conditioning", "AC", "Air conditioning part", 40, 3000, Season.SUMMER, true),
            new Line("Heating", "HT", "Heating part", 30, 7000, Season.WINTER, true),
            new Line("Bearings", "BRG", "Bearing", 3, 400, Season.ALL_YEAR, false),
            new Line("Valves", "VLV", "Valve", 20, 900, Season.ALL_YEAR, false),
            new Line("Pumps", "PMP", "Pump", 80, 4000, Season.ALL_YEAR, true),
            new Line("Seals", "SEAL", "Seal kit", 2, 120, Season.ALL_YEAR, false),
            new Line("Motors", "MTR", "Electric motor", 150, 5000, Season.ALL_YEAR, true),
            new Line("Filters", "FLT", "Filter cartridge", 5, 250, Season.ALL_YEAR, false),
            new Line("Fasteners", "FST", "Fastener set", 1, 60, Season.ALL_YEAR, false),
            new Line("Controls", "CTL", "Controller", 60, 2500, Season.ALL_YEAR, true),
            new Line("Irrigation", "IRR", "Irrigation part", 10, 1500, SPRING, false) };

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

    /**
     * A moment in the {@code years} before {@code now}, likelier in the product's season and as the
     * customer's story has it, with business growing 5 % a year (rejection sampling).
     */
    private static Instant date(Instant now, int years, Season season, Story story, int rank, Random random) {
        double maxWeight = (1 + season.strength()) * story.maxWeight(rank) * (1 + 0.05 * years);
        while (true) {
            double ageYears = random.nextDouble() * years; // 0 = now
            Instant candidate = now.minus(Duration.ofSeconds((long) (ageYears * 365 * 24 * 3600)));
            double weight = season.weight(candidate) * story.weight(rank, ageYears) * (1 + 0.05 * (years - ageYears));
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
