package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoDataTest {

    private static final Instant END_OF_2026 = Instant.parse("2026-12-31T12:00:00Z");
    private final DemoData data = DemoData.generate(END_OF_2026);

    @Test
    void two_thousand_industrial_customers_and_two_hundred_products_have_ids_as_the_services_expect() {
        assertThat(data.customers()).hasSize(2000);
        assertThat(data.customers()).extracting(DemoData.Customer::name).doesNotHaveDuplicates();
        assertThat(data.customers()).allSatisfy(customer -> {
            assertThat(customer.id()).matches("C-[1-3]\\d{3}");
            assertThat(customer.name()).isNotBlank();
            assertThat(customer.industry()).isNotBlank();
            assertThat(customer.region()).isNotBlank();
        });
        assertThat(data.customers().get(0).id()).isEqualTo("C-1001");
        assertThat(data.products()).hasSize(200).allSatisfy(product -> assertThat(product.onHand()).isPositive());
        assertThat(data.products()).extracting(DemoData.Product::sku).doesNotHaveDuplicates()
                .contains("BRG-6205-2RS", "AC-CMP-20", "HP-AW-12", "VLV-BALL-DN50")
                .allMatch(sku -> sku.matches("[A-Z0-9-]{1,64}"));
        assertThat(data.products()).extracting(DemoData.Product::productLine).containsOnly("Air conditioning", "Heating",
                "Bearings", "Valves", "Pumps", "Seals", "Motors", "Filters", "Fasteners", "Controls", "Irrigation");
    }

    @Test
    void the_three_biggest_customers_have_their_anniversary_within_ten_days_and_anna_owns_them() {
        Map<String, BigDecimal> revenue = data.sales().stream().collect(Collectors.groupingBy(DemoData.Sale::accountId,
                Collectors.reducing(BigDecimal.ZERO, DemoData.Sale::amount, BigDecimal::add)));
        List<String> biggest = revenue.entrySet().stream().sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
                .limit(3).map(Map.Entry::getKey).toList();
        LocalDate today = LocalDate.ofInstant(END_OF_2026, ZoneOffset.UTC);

        for (DemoData.Customer customer : data.customers()) {
            assertThat(customer.openedOn()).isBefore(today);
            LocalDate anniversary = customer.openedOn().withYear(today.getYear());
            anniversary = anniversary.isBefore(today) ? anniversary.plusYears(1) : anniversary;
            if (biggest.contains(customer.id())) {
                assertThat(anniversary).isBetween(today.plusDays(3), today.plusDays(10));
                assertThat(customer.owner()).isEqualTo("kam-anna");
            } else {
                assertThat(anniversary).isAfter(today.plusDays(14));
            }
        }
        assertThat(data.contacts()).filteredOn(contact -> !contact.level().equals("EXECUTIVE"))
                .extracting(DemoData.Contact::accountId).containsOnly(biggest.get(0), biggest.get(1));
    }

    @Test
    void the_staff_is_listed_top_down_so_every_supervisor_exists_before_those_reporting_to_them() {
        Set<String> seen = new java.util.HashSet<>();
        for (DemoData.Staff member : data.staff()) {
            assertThat(member.supervisorId() == null || seen.contains(member.supervisorId())).as(member.id()).isTrue();
            seen.add(member.id());
        }
        assertThat(data.staff()).filteredOn(DemoData.Staff::executive).hasSize(4);
        assertThat(data.customers()).extracting(DemoData.Customer::owner).allMatch(seen::contains);
        // products a technician installs: the frontline needs training for them
        assertThat(data.products()).filteredOn(DemoData.Product::technical).extracting(DemoData.Product::productLine)
                .containsOnly("Air conditioning", "Heating", "Pumps", "Motors", "Controls");
    }

    @Test
    void a_fifth_of_the_customers_bring_about_four_fifths_of_the_revenue() {
        Map<String, BigDecimal> revenue = data.sales().stream().collect(Collectors.groupingBy(DemoData.Sale::accountId,
                Collectors.reducing(BigDecimal.ZERO, DemoData.Sale::amount, BigDecimal::add)));
        List<BigDecimal> biggestFirst = revenue.values().stream().sorted(Comparator.reverseOrder()).toList();
        BigDecimal total = biggestFirst.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal topFifth = biggestFirst.subList(0, 400).stream().reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(revenue).as("nearly every customer buys something").hasSizeGreaterThan(1800);
        assertThat(topFifth.doubleValue() / total.doubleValue()).isBetween(0.72, 0.92);
    }

    @Test
    void air_conditioning_sells_mostly_in_summer_and_heating_in_winter() {
        Set<Month> summer = EnumSet.of(Month.JUNE, Month.JULY, Month.AUGUST);
        Set<Month> winter = EnumSet.of(Month.DECEMBER, Month.JANUARY, Month.FEBRUARY);

        assertThat(count("Air conditioning", summer)).isGreaterThan(3 * count("Air conditioning", winter));
        assertThat(count("Heating", winter)).isGreaterThan(3 * count("Heating", summer));
        assertThat(count("Bearings", summer)).isBetween(count("Bearings", winter) * 2 / 3, count("Bearings", winter) * 3 / 2);
    }

    @Test
    void sales_are_three_years_of_orders_before_now_oldest_first() {
        assertThat(data.sales()).hasSize(20_000);
        assertThat(data.sales()).isSortedAccordingTo(Comparator.comparing(DemoData.Sale::occurredAt));
        assertThat(data.sales().get(0).occurredAt()).isAfter(END_OF_2026.minus(Duration.ofDays(3 * 365)))
                .isBefore(END_OF_2026.minus(Duration.ofDays(3 * 365 - 30)));
        assertThat(data.sales().get(data.sales().size() - 1).occurredAt()).isBefore(END_OF_2026);
        Set<String> skus = data.products().stream().map(DemoData.Product::sku).collect(Collectors.toSet());
        assertThat(data.sales()).allSatisfy(sale -> {
            assertThat(sale.quantity()).isPositive();
            assertThat(sale.amount()).isNotNegative();
            assertThat(skus).contains(sale.sku());
        });
    }

    @Test
    void the_same_sales_with_the_same_event_ids_come_out_on_any_day_so_loading_twice_changes_nothing() {
        DemoData aMonthLater = DemoData.generate(END_OF_2026.plus(Duration.ofDays(30)));

        assertThat(ids(aMonthLater)).isEqualTo(ids(data));
        assertThat(ids(data)).doesNotHaveDuplicates();
    }

    @Test
    void the_intelligence_reports_tell_one_story_from_three_organisations_about_known_customers_and_none_in_the_future() {
        Set<String> customers = data.customers().stream().map(DemoData.Customer::id).collect(java.util.stream.Collectors.toSet());

        assertThat(data.reports()).filteredOn(report -> report.title().contains("Polar Compressors"))
                .extracting(DemoData.Report::sourceOrganisation)
                .containsExactly("Reuters", "Cooling Post", "Own sales force");
        assertThat(data.reports()).allSatisfy(report -> {
            assertThat(customers).containsAll(report.accounts());
            assertThat(report.reportedOn()).isBeforeOrEqualTo(LocalDate.ofInstant(END_OF_2026, java.time.ZoneOffset.UTC));
        });
    }

    @Test
    void a_sale_is_sent_as_the_sale_contract_describes() {
        DemoLoader loader = new DemoLoader(null, null, null, null, "unused:9092", "token", System.out);
        DemoData.Sale sale = data.sales().get(0);

        JsonNode json = JsonMapper.builder().build().readTree(loader.saleJson(sale));

        assertThat(json.path("eventId").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(json.path("accountId").asString()).isEqualTo(sale.accountId());
        assertThat(json.path("orderId").asString()).isEqualTo(sale.orderId());
        assertThat(json.path("sku").asString()).isEqualTo(sale.sku());
        assertThat(json.path("quantity").isInt()).isTrue();
        assertThat(json.path("amount").isNumber()).isTrue();
        assertThat(json.path("currency").asString()).isEqualTo("EUR");
        assertThat(Instant.parse(json.path("occurredAt").asString())).isEqualTo(sale.occurredAt());
    }

    @Test
    void three_customers_grow_from_regular_through_potential_into_key_and_one_key_account_collapses() {
        // the README's rule, computed from scratch at points of business time
        Map<String, String> twoYearsAgo = DemoTiers.at(data.sales(), END_OF_2026.minus(Duration.ofDays(730)));
        Map<String, String> aYearAgo = DemoTiers.at(data.sales(), END_OF_2026.minus(Duration.ofDays(365)));
        Map<String, String> nineMonthsAgo = DemoTiers.at(data.sales(), END_OF_2026.minus(Duration.ofDays(270)));
        Map<String, String> today = DemoTiers.at(data.sales(), END_OF_2026);

        assertThat(data.growers()).hasSize(3).allSatisfy(grower -> {
            assertThat(twoYearsAgo.get(grower)).as(grower + " two years ago").isEqualTo("REGULAR");
            assertThat(nineMonthsAgo.get(grower)).as(grower + " nine months ago").isEqualTo("POTENTIAL");
            assertThat(today.get(grower)).as(grower + " today").isEqualTo("KEY");
        });
        assertThat(aYearAgo.get(data.collapsing())).isEqualTo("KEY");
        assertThat(today.get(data.collapsing())).isNotEqualTo("KEY");
        // about one customer in twenty is a key account, as a KAM team can serve
        assertThat(today.values().stream().filter("KEY"::equals).count()).isBetween(60L, 160L);
        // and the field said why the collapsing account left
        assertThat(data.reports()).filteredOn(report -> report.accounts().contains(data.collapsing()))
                .extracting(DemoData.Report::title).anyMatch(title -> title.contains("moves its purchasing to a competitor"));
    }

    @Test
    void the_small_demo_has_the_customers_and_skus_the_readme_names() {
        DemoData small = DemoData.generate(END_OF_2026, DemoData.Size.SMALL);

        assertThat(small.customers()).hasSize(120).extracting(DemoData.Customer::id).contains("C-1001", "C-1040");
        assertThat(small.products()).hasSize(40).extracting(DemoData.Product::sku).contains("BRG-6205-2RS", "AC-CMP-20");
        assertThat(small.sales()).hasSize(DemoData.Size.SMALL.sales());
    }

    private long count(String productLine, Set<Month> months) {
        Set<String> skus = data.products().stream().filter(product -> product.productLine().equals(productLine))
                .map(DemoData.Product::sku).collect(Collectors.toSet());
        return data.sales().stream()
                .filter(sale -> skus.contains(sale.sku()))
                .filter(sale -> months.contains(sale.occurredAt().atZone(ZoneOffset.UTC).getMonth()))
                .count();
    }

    private static List<String> ids(DemoData data) {
        return data.sales().stream().map(sale -> sale.eventId() + " " + sale.accountId() + " " + sale.sku())
                .sorted().toList();
    }
}
