package org.kam.insight.notification.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.kam.chassis.messaging.Enums;
import org.kam.chassis.security.Roles;
import org.kam.insight.collection.Tier;
import org.kam.insight.notification.Department;
import org.kam.insight.notification.Kind;
import org.kam.insight.notification.Route;
import org.kam.insight.notification.Routes;
import org.kam.insight.notification.Severity;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The routing rules: read by every role, changed by analysts, key account leads and administrators. */
@RestController
@Validated
@RequestMapping("/api/v1/notifications/routes")
class RouteController {

    private final Routes routes;

    RouteController(Routes routes) {
        this.routes = routes;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Route> all() {
        return routes.all();
    }

    @PreAuthorize(Roles.ANALYSTS)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Route> add(@Valid @RequestBody RouteRequest request) {
        Route added = routes.add(request.route());
        return ResponseEntity.created(URI.create("/api/v1/notifications/routes/" + added.id())).body(added);
    }

    @PreAuthorize(Roles.ANALYSTS)
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Route replace(@PathVariable long id, @Valid @RequestBody RouteRequest request) {
        return routes.replace(id, request.route());
    }

    @PreAuthorize(Roles.ANALYSTS)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable long id) {
        routes.remove(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * A route as people write it; enum values are checked one by one, so a bad one is a 400 naming
     * the field and what it may be.
     */
    record RouteRequest(@NotBlank @Size(max = 100) String name, @Min(0) @Max(10_000) int position,
            @Size(max = 30) List<@NotBlank String> kinds, @Size(max = 3) List<@NotBlank String> tiers,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> productLines, String minSeverity,
            @Size(max = 5) List<@NotBlank String> departments, String severity, Boolean keepDefaults,
            Boolean continueMatching) {

        Route route() {
            return new Route(0, position, name.trim(), parse(Kind.class, "kinds", kinds), parse(Tier.class, "tiers", tiers),
                    Set.copyOf(productLines == null ? List.of() : productLines.stream().map(String::trim).toList()),
                    minSeverity == null ? Severity.INFO : Enums.parse(Severity.class, "minSeverity", minSeverity),
                    List.copyOf(parse(Department.class, "departments", departments)),
                    severity == null ? null : Enums.parse(Severity.class, "severity", severity),
                    keepDefaults == null || keepDefaults, continueMatching != null && continueMatching);
        }

        private static <E extends Enum<E>> Set<E> parse(Class<E> type, String field, List<String> values) {
            Set<E> parsed = new LinkedHashSet<>();
            for (String value : values == null ? List.<String>of() : values) {
                parsed.add(Enums.parse(type, field, value));
            }
            return parsed;
        }
    }
}
