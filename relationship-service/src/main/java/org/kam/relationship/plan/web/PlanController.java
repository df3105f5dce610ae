package org.kam.relationship.plan.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.kam.chassis.security.Roles;
import org.kam.relationship.plan.AccountPlans;
import org.kam.relationship.plan.RelationshipMap;
import org.kam.relationship.plan.VisitPlanning;
import org.kam.relationship.plan.VisitProperties;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
class PlanController {

    private final VisitPlanning planning;
    private final AccountPlans plans;
    private final RelationshipMap map;
    private final VisitProperties properties;
    private final Clock clock;

    PlanController(VisitPlanning planning, AccountPlans plans, RelationshipMap map, VisitProperties properties,
            Clock clock) {
        this.planning = planning;
        this.plans = plans;
        this.map = map;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Plans everyone's visits (or one person's) from {@code from} (today) for the horizon (a
     * quarter); {@code apply=false} shows the plan without booking it.
     */
    @PreAuthorize(Roles.LEADS)
    @PostMapping("/api/v1/visits/plan")
    VisitPlanning.PlanResult plan(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String staffId,
            @RequestParam(defaultValue = "true") boolean apply) {
        LocalDate start = from == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : from;
        LocalDate end = to == null ? start.plusDays(properties.horizon().toDays() - 1) : to;
        return planning.plan(start, end, staffId, apply);
    }

    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @GetMapping("/api/v1/accounts/{accountId}/relationship-map")
    RelationshipMap.RelationshipMapView map(@PathVariable @Size(max = 64) String accountId) {
        return map.of(accountId);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/accounts/{accountId}/plan")
    AccountPlans.Plan plan(@PathVariable @Size(max = 64) String accountId) {
        return plans.find(accountId).orElseThrow(() -> new org.kam.chassis.web.NotFoundException(
                "Account " + accountId + " has no relationship plan (it has not been KEY or POTENTIAL)"));
    }

    /** Gives the relationship to another staff member: the leads decide. */
    @PreAuthorize(Roles.LEADS)
    @PutMapping(path = "/api/v1/accounts/{accountId}/owner", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountPlans.Plan assignOwner(@PathVariable @Size(max = 64) String accountId, @Valid @RequestBody Owner owner) {
        return plans.assignOwner(accountId, owner.staffId());
    }

    record Owner(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String staffId) {
    }
}
