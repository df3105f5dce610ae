package org.kam.insight.notification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes what the built-in rules decided through the routes people edit. Pure. The notices of one
 * fact are taken kind by kind: the first matching route (in position order) decides, and with
 * {@code continueMatching} the next matching ones add to it; no matching route leaves the built-in
 * choice as it is. A route's severity applies to what it sends and, when it keeps the defaults, to
 * them. A department is told a kind of thing once per fact, at the highest severity it was given.
 */
final class Routing {

    private final List<Route> routes;

    Routing(List<Route> routes) {
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::position).thenComparingLong(Route::id)).toList();
    }

    List<Notice> route(List<Notice> builtIn, Route.Context context) {
        Map<Kind, List<Notice>> byKind = new LinkedHashMap<>();
        builtIn.forEach(notice -> byKind.computeIfAbsent(notice.kind(), kind -> new ArrayList<>()).add(notice));
        List<Notice> routed = new ArrayList<>();
        byKind.forEach((kind, notices) -> routed.addAll(routeKind(notices, context)));
        return routed;
    }

    private List<Notice> routeKind(List<Notice> notices, Route.Context context) {
        Notice first = notices.get(0);
        Severity builtInSeverity = notices.stream().map(Notice::severity).max(Comparator.naturalOrder()).orElseThrow();
        Map<Department, Notice> told = new LinkedHashMap<>();
        boolean matched = false;
        boolean keepDefaults = true;
        Severity override = null;
        for (Route route : routes) {
            if (!route.matches(first.kind(), builtInSeverity, context)) {
                continue;
            }
            matched = true;
            keepDefaults &= route.keepDefaults();
            if (route.severity() != null && (override == null || route.severity().compareTo(override) > 0)) {
                override = route.severity();
            }
            Severity severity = route.severity() != null ? route.severity() : builtInSeverity;
            for (Department department : route.departments()) {
                told.merge(department, first.to(department, severity), Routing::moreSevere);
            }
            if (!route.continueMatching()) {
                break;
            }
        }
        if (!matched || keepDefaults) {
            for (Notice notice : notices) {
                // The built-in departments keep their notice, at the severity a matching route set.
                Notice kept = override == null ? notice : notice.to(notice.department(), override);
                told.merge(notice.department(), kept, Routing::moreSevere);
            }
        }
        return List.copyOf(told.values());
    }

    private static Notice moreSevere(Notice one, Notice other) {
        return other.severity().compareTo(one.severity()) > 0 ? other : one;
    }
}
