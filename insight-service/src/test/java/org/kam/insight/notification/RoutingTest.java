package org.kam.insight.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kam.insight.notification.Department.MANAGEMENT;
import static org.kam.insight.notification.Department.MARKETING;
import static org.kam.insight.notification.Department.PRODUCTION;
import static org.kam.insight.notification.Department.TRANSPORT;
import static org.kam.insight.notification.Severity.CRITICAL;
import static org.kam.insight.notification.Severity.INFO;
import static org.kam.insight.notification.Severity.WARNING;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kam.insight.collection.Tier;

class RoutingTest {

    private static final Route.Context KEY_HEATING = new Route.Context(Tier.KEY, "Heating");
    private static final Route.Context POTENTIAL_BEARINGS = new Route.Context(Tier.POTENTIAL, "Bearings");

    /** The built-in rules' choice for a key-account stock-out: PRODUCTION and MARKETING, CRITICAL. */
    private static final List<Notice> STOCK_OUT = List.of(
            new Notice(PRODUCTION, Kind.KEY_ACCOUNT_STOCK_OUT, "C-1", "HP-AW-12", "m"),
            new Notice(MARKETING, Kind.KEY_ACCOUNT_STOCK_OUT, "C-1", "HP-AW-12", "m"));
    private static final List<Notice> SHORTAGE = List.of(
            new Notice(PRODUCTION, Kind.RESERVATION_SHORTAGE, "C-1", "HP-AW-12", "m"),
            new Notice(TRANSPORT, Kind.RESERVATION_SHORTAGE, "C-1", "HP-AW-12", "m"));

    private static RouteBuilder route(String name) {
        return new RouteBuilder(name);
    }

    private static List<String> told(List<Notice> notices) {
        return notices.stream().map(notice -> notice.department() + " " + notice.severity()).toList();
    }

    @Test
    void withoutRoutesTheBuiltInChoiceStandsAtTheKindsSeverity() {
        assertThat(told(new Routing(List.of()).route(STOCK_OUT, KEY_HEATING)))
                .containsExactly("PRODUCTION CRITICAL", "MARKETING CRITICAL");
    }

    @Test
    void aMatchingRouteAddsItsDepartmentsAndKeepsTheBuiltInOnesByDefault() {
        Routing routing = new Routing(List.of(route("stock-outs of heating to management").kinds(Kind.KEY_ACCOUNT_STOCK_OUT)
                .productLines("heating").to(MANAGEMENT).build()));

        assertThat(told(routing.route(STOCK_OUT, KEY_HEATING)))
                .containsExactly("MANAGEMENT CRITICAL", "PRODUCTION CRITICAL", "MARKETING CRITICAL");
        assertThat(told(routing.route(STOCK_OUT, POTENTIAL_BEARINGS)))
                .as("another product line does not match").containsExactly("PRODUCTION CRITICAL", "MARKETING CRITICAL");
    }

    @Test
    void aRouteThatDropsTheDefaultsAndNamesNobodySilencesTheNotice() {
        Routing routing = new Routing(List.of(route("no shortage news for potential accounts")
                .kinds(Kind.RESERVATION_SHORTAGE).tiers(Tier.POTENTIAL).keepDefaults(false).build()));

        assertThat(routing.route(SHORTAGE, POTENTIAL_BEARINGS)).isEmpty();
        assertThat(told(routing.route(SHORTAGE, KEY_HEATING))).containsExactly("PRODUCTION WARNING", "TRANSPORT WARNING");
    }

    @Test
    void aRoutesSeverityAppliesToWhatItSendsAndToTheDefaultsItKeeps() {
        Routing routing = new Routing(List.of(route("key-account shortages are critical").kinds(Kind.RESERVATION_SHORTAGE)
                .tiers(Tier.KEY).severity(CRITICAL).to(MANAGEMENT).build()));

        assertThat(told(routing.route(SHORTAGE, KEY_HEATING)))
                .containsExactly("MANAGEMENT CRITICAL", "PRODUCTION CRITICAL", "TRANSPORT CRITICAL");
    }

    @Test
    void theFirstMatchingRouteDecidesUnlessItLetsLaterOnesContinue() {
        Route first = route("first").position(1).minSeverity(WARNING).to(MANAGEMENT).build();
        Route second = route("second").position(2).to(TRANSPORT).keepDefaults(false).build();

        assertThat(told(new Routing(List.of(second, first)).route(STOCK_OUT, KEY_HEATING)))
                .as("position, not list order; the second is never reached")
                .containsExactly("MANAGEMENT CRITICAL", "PRODUCTION CRITICAL", "MARKETING CRITICAL");
        Route continuing = route("first").position(1).minSeverity(WARNING).to(MANAGEMENT).continueMatching(true).build();
        assertThat(told(new Routing(List.of(second, continuing)).route(STOCK_OUT, KEY_HEATING)))
                .as("the second drops the defaults").containsExactly("MANAGEMENT CRITICAL", "TRANSPORT CRITICAL");
    }

    @Test
    void aRouteAskingForMoreSeverityThanTheNoticeHasDoesNotMatch() {
        Routing routing = new Routing(List.of(route("only the critical").minSeverity(CRITICAL).to(MANAGEMENT).build()));
        List<Notice> sale = List.of(new Notice(PRODUCTION, Kind.KEY_ACCOUNT_SALE, "C-1", "HP-AW-12", "m"));

        assertThat(told(routing.route(sale, KEY_HEATING))).containsExactly("PRODUCTION INFO");
        assertThat(told(routing.route(STOCK_OUT, KEY_HEATING))).first().isEqualTo("MANAGEMENT CRITICAL");
    }

    @Test
    void aDepartmentToldByTheDefaultsAndARouteIsToldOnceAtTheHigherSeverity() {
        Routing routing = new Routing(List.of(route("sales to production as warnings").kinds(Kind.KEY_ACCOUNT_SALE)
                .severity(WARNING).to(PRODUCTION).build()));
        List<Notice> sale = List.of(new Notice(PRODUCTION, Kind.KEY_ACCOUNT_SALE, "C-1", "HP-AW-12", "m"));

        assertThat(told(routing.route(sale, KEY_HEATING))).containsExactly("PRODUCTION WARNING");
    }

    @Test
    void aRouteNamingATierDoesNotMatchANoticeAboutNoAccount() {
        Routing routing = new Routing(List.of(route("key only").tiers(Tier.KEY).to(MANAGEMENT).build()));
        List<Notice> plan = List.of(new Notice(PRODUCTION, Kind.PRODUCTION_REQUESTED, null, "HP-AW-12", "m", INFO));

        assertThat(told(routing.route(plan, new Route.Context(null, "Heating")))).containsExactly("PRODUCTION INFO");
    }

    private static final class RouteBuilder {
        private final String name;
        private int position;
        private Set<Kind> kinds = Set.of();
        private Set<Tier> tiers = Set.of();
        private Set<String> productLines = Set.of();
        private Severity minSeverity = INFO;
        private List<Department> departments = List.of();
        private Severity severity;
        private boolean keepDefaults = true;
        private boolean continueMatching;

        RouteBuilder(String name) {
            this.name = name;
        }

        RouteBuilder position(int value) {
            position = value;
            return this;
        }

        RouteBuilder kinds(Kind... values) {
            kinds = Set.of(values);
            return this;
        }

        RouteBuilder tiers(Tier... values) {
            tiers = Set.of(values);
            return this;
        }

        RouteBuilder productLines(String... values) {
            productLines = Set.of(values);
            return this;
        }

        RouteBuilder minSeverity(Severity value) {
            minSeverity = value;
            return this;
        }

        RouteBuilder to(Department... values) {
            departments = List.of(values);
            return this;
        }

        RouteBuilder severity(Severity value) {
            severity = value;
            return this;
        }

        RouteBuilder keepDefaults(boolean value) {
            keepDefaults = value;
            return this;
        }

        RouteBuilder continueMatching(boolean value) {
            continueMatching = value;
            return this;
        }

        Route build() {
            return new Route(position, position, name, kinds, tiers, productLines, minSeverity, departments, severity,
                    keepDefaults, continueMatching);
        }
    }
}
