package org.kam.relationship.visit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds visit calendars inside each person's time budget. Pure: given who may visit, what they
 * have booked, and what falls due, it proposes dated visits and says which could not be placed.
 *
 * <p>Hard rules: a visit day is a working day (Monday to Friday) in the horizon, not before
 * {@code today}; a person's visit days in the horizon (booked and new) never exceed their budget
 * ({@code share × working days}); one day holds at most {@code visitsPerDay} visits, all in one
 * region. Order: earliest due first (so the most overdue go first), then the most valuable
 * account, then the account id — for one person with one-day tasks, earliest-due-first is the
 * order that keeps the worst lateness smallest (Jackson's rule), and when the budget runs out, the
 * latest-due and least valuable are the ones left out. Preferences, in order: a day that already
 * has a visit in the same region (a trip), a day next to such a trip, then the latest free day
 * not after the due date (the earliest, when overdue). Executive visits go to the executive who
 * has a trip there, else the one with most budget left. See ADR 9.
 */
public final class VisitPlanner {

    private final int visitsPerDay;

    public VisitPlanner(int visitsPerDay) {
        if (visitsPerDay < 1) {
            throw new IllegalArgumentException("visitsPerDay must be 1 or more, was " + visitsPerDay);
        }
        this.visitsPerDay = visitsPerDay;
    }

    /** Someone who visits: their share of working days for visits, and whether they are an executive. */
    public record Visitor(String staffId, BigDecimal budgetShare, boolean executive) {
    }

    /** A visit already on a calendar (planned or done) inside the horizon. */
    public record Booked(String staffId, LocalDate on, String region, String accountId) {
    }

    /**
     * An account that needs visits of {@code kind} every {@code cadenceDays}; the next is due on
     * {@code dueOn}. {@code ownerId} is who must make OWNER visits; {@code lastExecutive} who made
     * the last executive visit (continuity), if anyone.
     */
    public record Need(String accountId, VisitKind kind, LocalDate dueOn, int cadenceDays, BigDecimal value,
            String region, String ownerId, String lastExecutive) {
    }

    public record Proposal(String accountId, VisitKind kind, String staffId, LocalDate on, String region,
            LocalDate dueOn) {
    }

    /** A visit that could not be placed, and why. */
    public record Unplaced(String accountId, VisitKind kind, LocalDate dueOn, Reason reason) {
    }

    /** Why a visit could not be placed. */
    public enum Reason {
        /** The account has no owner, or there is no executive at all. */
        NOBODY_TO_VISIT,
        /** Every candidate's budget of visit days in the horizon is used up. */
        BUDGET_USED_UP,
        /** Budget was left but no working day in the visit's window was free. */
        NO_FREE_DAY
    }

    /** Each visitor's budget and use of it, in days. */
    public record Usage(String staffId, int budgetDays, int bookedDays, int plannedDays) {
        public int usedDays() {
            return bookedDays + plannedDays;
        }
    }

    public record Plan(List<Proposal> proposals, List<Unplaced> unplaced, List<Usage> usage) {
    }

    public Plan plan(LocalDate today, LocalDate from, LocalDate to, List<Visitor> visitors, List<Booked> booked,
            List<Need> needs) {
        LocalDate start = from.isBefore(today) ? today : from;
        int workingDays = workingDays(from, to);
        Map<String, Calendar> calendars = new TreeMap<>();
        for (Visitor visitor : visitors) {
            int budget = visitor.budgetShare().multiply(BigDecimal.valueOf(workingDays)).intValue();
            calendars.put(visitor.staffId(), new Calendar(visitor, budget));
        }
        for (Booked visit : booked) {
            Calendar calendar = calendars.get(visit.staffId());
            if (calendar != null && !visit.on().isBefore(from) && !visit.on().isAfter(to)) {
                calendar.book(visit.on(), visit.region(), false);
            }
        }
        PriorityQueue<Need> queue = new PriorityQueue<>(Comparator.comparing(Need::dueOn)
                .thenComparing(Need::value, Comparator.reverseOrder()).thenComparing(Need::accountId)
                .thenComparing(Need::kind));
        queue.addAll(needs);
        List<Proposal> proposals = new ArrayList<>();
        List<Unplaced> unplaced = new ArrayList<>();
        while (!queue.isEmpty()) {
            Need need = queue.poll();
            if (need.dueOn().isAfter(to)) {
                continue;
            }
            List<Calendar> candidates = candidates(need, calendars);
            if (candidates.isEmpty()) {
                unplaced.add(new Unplaced(need.accountId(), need.kind(), need.dueOn(), Reason.NOBODY_TO_VISIT));
                continue;
            }
            Optional<Placement> placement = Optional.empty();
            boolean budgetLeft = false;
            for (Calendar calendar : candidates) {
                budgetLeft |= calendar.daysLeft() > 0;
                placement = place(calendar, need, start, to);
                if (placement.isPresent()) {
                    break;
                }
            }
            if (placement.isEmpty()) {
                unplaced.add(new Unplaced(need.accountId(), need.kind(), need.dueOn(),
                        budgetLeft ? Reason.NO_FREE_DAY : Reason.BUDGET_USED_UP));
                continue;
            }
            Placement chosen = placement.get();
            chosen.calendar().book(chosen.on(), need.region(), true);
            proposals.add(new Proposal(need.accountId(), need.kind(), chosen.calendar().visitor.staffId(), chosen.on(),
                    need.region(), need.dueOn()));
            LocalDate next = chosen.on().plusDays(need.cadenceDays());
            if (!next.isAfter(to)) {
                queue.add(new Need(need.accountId(), need.kind(), next, need.cadenceDays(), need.value(), need.region(),
                        need.ownerId(), need.kind() == VisitKind.EXECUTIVE ? chosen.calendar().visitor.staffId()
                                : need.lastExecutive()));
            }
        }
        List<Usage> usage = calendars.values().stream()
                .map(c -> new Usage(c.visitor.staffId(), c.budget, c.bookedDays, c.plannedDays)).toList();
        return new Plan(List.copyOf(proposals), List.copyOf(unplaced), usage);
    }

    /** Visits of one person on consecutive working days in one region form a trip; its id names person, region and first day. */
    public static Map<LocalDate, UUID> trips(String staffId, Map<LocalDate, String> regionByDay) {
        Map<LocalDate, UUID> trips = new HashMap<>();
        LocalDate previous = null;
        UUID trip = null;
        for (Map.Entry<LocalDate, String> day : new TreeMap<>(regionByDay).entrySet()) {
            boolean continues = previous != null && trip != null && nextWorkingDay(previous).equals(day.getKey())
                    && Objects.equals(regionByDay.get(previous), day.getValue());
            if (!continues) {
                trip = UUID.nameUUIDFromBytes((staffId + "|" + day.getValue() + "|" + day.getKey())
                        .getBytes(StandardCharsets.UTF_8));
            }
            trips.put(day.getKey(), trip);
            previous = day.getKey();
        }
        return trips;
    }

    public static int workingDays(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (working(day)) {
                days++;
            }
        }
        return days;
    }

    private List<Calendar> candidates(Need need, Map<String, Calendar> calendars) {
        if (need.kind() == VisitKind.OWNER) {
            Calendar owner = need.ownerId() == null ? null : calendars.get(need.ownerId());
            return owner == null ? List.of() : List.of(owner);
        }
        List<Calendar> executives = new ArrayList<>(calendars.values().stream().filter(c -> c.visitor.executive()).toList());
        executives.sort(Comparator.comparing((Calendar c) -> !c.hasTripIn(need.region()))
                .thenComparing(c -> !c.visitor.staffId().equals(need.lastExecutive()))
                .thenComparing(Calendar::daysLeft, Comparator.reverseOrder())
                .thenComparing(c -> c.visitor.staffId()));
        return executives;
    }

    private Optional<Placement> place(Calendar calendar, Need need, LocalDate start, LocalDate to) {
        boolean overdue = need.dueOn().isBefore(start);
        LocalDate latest = overdue ? min(to, start.plusDays(Math.max(7, need.cadenceDays() / 6))) : min(to, need.dueOn());
        LocalDate earliest = overdue ? start : max(start, need.dueOn().minusDays(Math.max(1, need.cadenceDays() / 3)));
        if (latest.isBefore(earliest)) {
            return Optional.empty();
        }
        // 1. a day of a trip in the same region with room: no extra day of the budget
        List<LocalDate> window = days(earliest, latest, overdue);
        for (LocalDate day : window) {
            if (calendar.joinable(day, need.region(), visitsPerDay)) {
                return Optional.of(new Placement(calendar, day));
            }
        }
        if (calendar.daysLeft() <= 0) {
            return Optional.empty();
        }
        // 2. a free day next to a trip in the same region, 3. any free day
        for (LocalDate day : window) {
            if (calendar.free(day) && calendar.nextToTripIn(day, need.region())) {
                return Optional.of(new Placement(calendar, day));
            }
        }
        for (LocalDate day : window) {
            if (calendar.free(day)) {
                return Optional.of(new Placement(calendar, day));
            }
        }
        return Optional.empty();
    }

    /** The working days of the window in order of preference: the latest first, or the earliest first when overdue. */
    private static List<LocalDate> days(LocalDate earliest, LocalDate latest, boolean earliestFirst) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = earliest; !day.isAfter(latest); day = day.plusDays(1)) {
            if (working(day)) {
                days.add(day);
            }
        }
        if (!earliestFirst) {
            java.util.Collections.reverse(days);
        }
        return days;
    }

    private static boolean working(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!working(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    private static LocalDate previousWorkingDay(LocalDate day) {
        LocalDate previous = day.minusDays(1);
        while (!working(previous)) {
            previous = previous.minusDays(1);
        }
        return previous;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private record Placement(Calendar calendar, LocalDate on) {
    }

    /** One person's days in the horizon: which region each visit day is in and how many visits it holds. */
    private static final class Calendar {
        private final Visitor visitor;
        private final int budget;
        private final Map<LocalDate, String> regions = new HashMap<>();
        private final Map<LocalDate, Integer> visits = new HashMap<>();
        private int bookedDays;
        private int plannedDays;

        Calendar(Visitor visitor, int budget) {
            this.visitor = visitor;
            this.budget = budget;
        }

        int daysLeft() {
            return budget - bookedDays - plannedDays;
        }

        boolean free(LocalDate day) {
            return !visits.containsKey(day);
        }

        boolean joinable(LocalDate day, String region, int visitsPerDay) {
            return visits.containsKey(day) && Objects.equals(regions.get(day), region) && region != null
                    && visits.get(day) < visitsPerDay;
        }

        boolean hasTripIn(String region) {
            return region != null && regions.containsValue(region);
        }

        boolean nextToTripIn(LocalDate day, String region) {
            return region != null && (Objects.equals(regions.get(previousWorkingDay(day)), region)
                    || Objects.equals(regions.get(nextWorkingDay(day)), region));
        }

        void book(LocalDate day, String region, boolean planned) {
            if (!visits.containsKey(day)) {
                regions.put(day, region);
                if (planned) {
                    plannedDays++;
                } else {
                    bookedDays++;
                }
            }
            visits.merge(day, 1, Integer::sum);
        }
    }

}
