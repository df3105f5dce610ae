package org.kam.relationship.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.kam.relationship.visit.VisitPlanner.Booked;
import org.kam.relationship.visit.VisitPlanner.Need;
import org.kam.relationship.visit.VisitPlanner.Plan;
import org.kam.relationship.visit.VisitPlanner.Proposal;
import org.kam.relationship.visit.VisitPlanner.Reason;
import org.kam.relationship.visit.VisitPlanner.Visitor;

class VisitPlannerTest {

    // Monday 4 January 2027 to Friday 29 January 2027: 20 working days
    private static final LocalDate TODAY = LocalDate.of(2027, 1, 4);
    private static final LocalDate END = LocalDate.of(2027, 1, 29);
    private static final BigDecimal A_THIRD = new BigDecimal("0.333");

    private final VisitPlanner planner = new VisitPlanner(2);

    @Test
    void anOverdueAccountIsVisitedFirstAndAsSoonAsPossible() {
        Need overdue = executiveNeed("A-1", TODAY.minusDays(10), "100", "North");

        Plan plan = planner.plan(TODAY, TODAY, END, List.of(executive("exec-1")), List.of(), List.of(overdue));

        assertThat(plan.proposals()).containsExactly(
                new Proposal("A-1", VisitKind.EXECUTIVE, "exec-1", TODAY, "North", TODAY.minusDays(10)));
    }

    @Test
    void aVisitDueLaterIsPlannedOnTheLatestFreeWorkingDayNotAfterItsDueDate() {
        // due on Sunday 17 January: the latest working day before is Friday 15 January
        Need due = executiveNeed("A-1", LocalDate.of(2027, 1, 17), "100", "North");

        Plan plan = planner.plan(TODAY, TODAY, END, List.of(executive("exec-1")), List.of(), List.of(due));

        assertThat(plan.proposals()).extracting(Proposal::on).containsExactly(LocalDate.of(2027, 1, 15));
    }

    @Test
    void visitsInOneRegionShareADayAndTheBudgetCountsDaysNotVisits() {
        Need first = executiveNeed("A-1", LocalDate.of(2027, 1, 15), "100", "North");
        Need second = executiveNeed("A-2", LocalDate.of(2027, 1, 15), "90", "North");
        Need elsewhere = executiveNeed("A-3", LocalDate.of(2027, 1, 15), "80", "South");

        Plan plan = planner.plan(TODAY, TODAY, END, List.of(executive("exec-1")), List.of(),
                List.of(elsewhere, second, first));

        assertThat(plan.proposals()).extracting(p -> p.accountId() + "@" + p.on()).containsExactly(
                "A-1@2027-01-15", "A-2@2027-01-15", "A-3@2027-01-14");
        assertThat(plan.usage()).containsExactly(new VisitPlanner.Usage("exec-1", 6, 0, 2));
    }

    @Test
    void whenTheBudgetRunsOutTheLeastValuableOfTheSameDueDateAreLeftOutAndSaySo() {
        // a tenth of 20 working days: 2 visit days, one visit per day in different regions
        Visitor thin = new Visitor("exec-1", new BigDecimal("0.1"), true);
        List<Need> needs = List.of(executiveNeed("A-1", END, "300", "R1"), executiveNeed("A-2", END, "200", "R2"),
                executiveNeed("A-3", END, "100", "R3"));

        Plan plan = planner.plan(TODAY, TODAY, END, List.of(thin), List.of(), needs);

        assertThat(plan.proposals()).extracting(Proposal::accountId).containsExactly("A-1", "A-2");
        assertThat(plan.unplaced()).containsExactly(
                new VisitPlanner.Unplaced("A-3", VisitKind.EXECUTIVE, END, Reason.BUDGET_USED_UP));
    }

    @Test
    void anOwnerVisitGoesToTheOwnerOnlyAndIsRepeatedOnItsCadence() {
        Need owner = new Need("A-1", VisitKind.OWNER, TODAY, 10, BigDecimal.ONE, "North", "kam-1", null);

        Plan plan = planner.plan(TODAY, TODAY, END, List.of(executive("exec-1"), person("kam-1")), List.of(),
                List.of(owner));

        assertThat(plan.proposals()).extracting(p -> p.staffId() + "@" + p.on()).containsExactly(
                "kam-1@2027-01-04", "kam-1@2027-01-14", "kam-1@2027-01-22");
    }

    @Test
    void anAccountWithoutOwnerCannotGetAnOwnerVisit() {
        Need owner = new Need("A-1", VisitKind.OWNER, TODAY, 30, BigDecimal.ONE, "North", null, null);

        Plan plan = planner.plan(TODAY, TODAY, END, List.of(person("kam-1")), List.of(), List.of(owner));

        assertThat(plan.unplaced()).extracting(VisitPlanner.Unplaced::reason).containsExactly(Reason.NOBODY_TO_VISIT);
    }

    @Test
    void consecutiveDaysInOneRegionAreOneTrip() {
        Map<LocalDate, String> days = Map.of(LocalDate.of(2027, 1, 7), "North", LocalDate.of(2027, 1, 8), "North",
                LocalDate.of(2027, 1, 11), "North", LocalDate.of(2027, 1, 12), "South");

        var trips = VisitPlanner.trips("exec-1", days);

        // Thursday, Friday and (over the weekend) Monday in the North: one trip; Tuesday in the South: another
        assertThat(trips.get(LocalDate.of(2027, 1, 7))).isEqualTo(trips.get(LocalDate.of(2027, 1, 11)));
        assertThat(trips.get(LocalDate.of(2027, 1, 12))).isNotEqualTo(trips.get(LocalDate.of(2027, 1, 11)));
    }

    /**
     * Whatever falls due and whatever is booked already, no one's visit days exceed their budget,
     * every visit day is a working day in the horizon, and no day holds more visits than allowed
     * or visits in two regions.
     */
    @RepeatedTest(50)
    void noPlanEverBreaksABudgetADayOrARegion() {
        Random random = new Random();
        List<Visitor> visitors = List.of(executive("exec-1"), executive("exec-2"), person("kam-1"), person("kam-2"));
        List<String> regions = List.of("North", "South", "East");
        List<Booked> booked = new ArrayList<>();
        for (int i = 0; i < random.nextInt(8); i++) {
            booked.add(new Booked(visitors.get(random.nextInt(4)).staffId(), TODAY.plusDays(random.nextInt(26)),
                    regions.get(random.nextInt(3)), "B-" + i));
        }
        booked.removeIf(b -> b.on().getDayOfWeek().getValue() > 5);
        List<Need> needs = new ArrayList<>();
        for (int i = 0; i < 10 + random.nextInt(60); i++) {
            boolean executive = random.nextBoolean();
            needs.add(new Need("A-" + i, executive ? VisitKind.EXECUTIVE : VisitKind.OWNER,
                    TODAY.plusDays(random.nextInt(40) - 15), 5 + random.nextInt(60), BigDecimal.valueOf(random.nextInt(1000)),
                    regions.get(random.nextInt(3)), random.nextBoolean() ? "kam-1" : "kam-2", null));
        }

        Plan plan = planner.plan(TODAY, TODAY, END, visitors, booked, needs);

        Map<String, Set<LocalDate>> days = new HashMap<>();
        Map<String, Map<LocalDate, Set<String>>> regionsByDay = new HashMap<>();
        Map<String, Map<LocalDate, Integer>> visits = new HashMap<>();
        booked.forEach(b -> {
            days.computeIfAbsent(b.staffId(), s -> new HashSet<>()).add(b.on());
        });
        for (Proposal p : plan.proposals()) {
            assertThat(p.on()).isBetween(TODAY, END);
            assertThat(p.on().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            days.computeIfAbsent(p.staffId(), s -> new HashSet<>()).add(p.on());
            regionsByDay.computeIfAbsent(p.staffId(), s -> new HashMap<>()).computeIfAbsent(p.on(), d -> new HashSet<>())
                    .add(p.region());
            visits.computeIfAbsent(p.staffId(), s -> new HashMap<>()).merge(p.on(), 1, Integer::sum);
        }
        int budget = A_THIRD.multiply(BigDecimal.valueOf(20)).intValue();
        days.forEach((staff, used) -> assertThat(used).as(staff).hasSizeLessThanOrEqualTo(Math.max(budget,
                (int) booked.stream().filter(b -> b.staffId().equals(staff)).map(Booked::on).distinct().count())));
        regionsByDay.values().forEach(byDay -> byDay.values().forEach(r -> assertThat(r).hasSize(1)));
        visits.values().forEach(byDay -> byDay.values().forEach(n -> assertThat(n).isLessThanOrEqualTo(2)));
        plan.usage().forEach(u -> assertThat(u.plannedDays()).isLessThanOrEqualTo(Math.max(0, u.budgetDays() - u.bookedDays())));
    }

    private static Need executiveNeed(String account, LocalDate due, String value, String region) {
        return new Need(account, VisitKind.EXECUTIVE, due, 90, new BigDecimal(value), region, null, null);
    }

    private static Visitor executive(String id) {
        return new Visitor(id, A_THIRD, true);
    }

    private static Visitor person(String id) {
        return new Visitor(id, A_THIRD, false);
    }
}
