package org.kam.relationship.visit.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.security.Roles;
import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.account.AccountRegister;
import org.kam.relationship.staff.Staff;
import org.kam.relationship.visit.Outcome;
import org.kam.relationship.visit.Visit;
import org.kam.relationship.visit.VisitKind;
import org.kam.relationship.visit.Visits;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/v1/visits")
class VisitController {

    private static final int MAX_RANGE_DAYS = 400;

    private final Visits visits;
    private final AccountRegister accounts;
    private final Staff staff;

    VisitController(Visits visits, AccountRegister accounts, Staff staff) {
        this.visits = visits;
        this.accounts = accounts;
        this.staff = staff;
    }

    /** The visits between two days (at most 400 apart), of one person or account, or everyone's. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Visit> list(@RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String staffId,
            @RequestParam(required = false) @Size(max = 64) String accountId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (to.isBefore(from) || to.isAfter(from.plusDays(MAX_RANGE_DAYS))) {
            throw new InvalidEventException("to", "must be from 'from' to " + MAX_RANGE_DAYS + " days after it");
        }
        return visits.list(staffId, accountId, from, to);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/{visitId}")
    Visit get(@PathVariable UUID visitId) {
        return visits.find(visitId).orElseThrow(() -> new NotFoundException("No visit " + visitId));
    }

    /** Books a visit by hand. A day in the past is refused, naming {@code plannedOn}. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Visit> book(@Valid @RequestBody NewVisit visit) {
        accounts.requireKnown(visit.accountId());
        if (staff.find(visit.staffId()).isEmpty()) {
            throw new InvalidEventException("staffId", "no staff member " + visit.staffId());
        }
        Visit booked = visits.bookOne(visit.accountId(), visit.staffId(), VisitKind.valueOf(visit.kind()),
                visit.plannedOn(), accounts.regions(List.of(visit.accountId())).get(visit.accountId()));
        return ResponseEntity.created(URI.create("/api/v1/visits/" + booked.id())).body(booked);
    }

    /** Records how the visit went. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping(path = "/{visitId}/outcome", consumes = MediaType.APPLICATION_JSON_VALUE)
    Visit outcome(@PathVariable UUID visitId, @Valid @RequestBody VisitOutcome outcome) {
        return visits.recordOutcome(visitId, Outcome.valueOf(outcome.outcome()), outcome.notes(), outcome.nextSteps(),
                outcome.doneOn());
    }

    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping("/{visitId}/cancel")
    Visit cancel(@PathVariable UUID visitId) {
        return visits.cancel(visitId);
    }

    record NewVisit(
            @NotBlank @Size(max = 64) String accountId,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String staffId,
            @NotNull @Pattern(regexp = "EXECUTIVE|OWNER", message = "must be one of EXECUTIVE, OWNER") String kind,
            @NotNull LocalDate plannedOn) {
    }

    record VisitOutcome(
            @NotNull @Pattern(regexp = "POSITIVE|NEUTRAL|NEGATIVE|NO_SHOW",
                    message = "must be one of POSITIVE, NEUTRAL, NEGATIVE, NO_SHOW") String outcome,
            @Size(max = 4000) String notes,
            @Size(max = 2000) String nextSteps,
            LocalDate doneOn) {
    }
}
