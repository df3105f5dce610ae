package org.kam.relationship.keydate.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.security.Roles;
import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.keydate.Alert;
import org.kam.relationship.keydate.Alerts;
import org.kam.relationship.keydate.KeyDate;
import org.kam.relationship.keydate.KeyDateKind;
import org.kam.relationship.keydate.KeyDates;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
class KeyDateController {

    private final KeyDates keyDates;
    private final Alerts alerts;
    private final Clock clock;

    KeyDateController(KeyDates keyDates, Alerts alerts, Clock clock) {
        this.keyDates = keyDates;
        this.alerts = alerts;
        this.clock = clock;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/accounts/{accountId}/key-dates")
    List<KeyDate> keyDates(@PathVariable @Size(max = 64) String accountId) {
        return keyDates.list(accountId);
    }

    /** A date to act on; {@code yearly} ones (an anniversary) come back every year on the same day. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping(path = "/api/v1/accounts/{accountId}/key-dates", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<KeyDate> addKeyDate(@PathVariable @Size(max = 64) String accountId,
            @Valid @RequestBody NewKeyDate date) {
        boolean yearly = Boolean.TRUE.equals(date.yearly());
        if (!yearly && date.on().isBefore(today())) {
            throw new InvalidEventException("on", "a one-off key date must not be in the past (today is " + today()
                    + "); a yearly one may be, its year is when it started");
        }
        KeyDate added = keyDates.add(accountId, KeyDateKind.valueOf(date.kind()), date.title().strip(), date.on(),
                yearly, date.notes());
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId + "/key-dates/" + added.id()))
                .body(added);
    }

    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @DeleteMapping("/api/v1/accounts/{accountId}/key-dates/{keyDateId}")
    ResponseEntity<Void> removeKeyDate(@PathVariable @Size(max = 64) String accountId, @PathVariable UUID keyDateId) {
        keyDates.remove(accountId, keyDateId);
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/accounts/{accountId}/news")
    List<KeyDates.News> news(@PathVariable @Size(max = 64) String accountId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since) {
        return keyDates.news(accountId, since == null ? today().minusYears(1) : since);
    }

    /** Business news of the customer: PR and promotion activities, honours, major moves. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping(path = "/api/v1/accounts/{accountId}/news", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<KeyDates.News> addNews(@PathVariable @Size(max = 64) String accountId,
            @Valid @RequestBody NewNews news) {
        LocalDate on = news.happenedOn() == null ? today() : news.happenedOn();
        KeyDates.News added = keyDates.addNews(accountId, KeyDateKind.valueOf(news.kind()), news.headline().strip(), on,
                news.notes());
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId + "/news/" + added.id())).body(added);
    }

    /** The alerts one person holds: their own, and those escalated to them. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/alerts")
    List<Alert> alerts(@RequestParam @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String staffId,
            @RequestParam(defaultValue = "false") boolean acknowledged) {
        return alerts.heldBy(staffId, acknowledged);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/alerts/{alertId}")
    Alert alert(@PathVariable UUID alertId) {
        return alerts.find(alertId).orElseThrow(() -> new NotFoundException("No alert " + alertId));
    }

    /** Acknowledges the alert, by the staff member named (or the caller); it stops climbing. */
    @PreAuthorize(Roles.STAFF)
    @PostMapping("/api/v1/alerts/{alertId}/acknowledge")
    Alert acknowledge(@PathVariable UUID alertId, @Valid @RequestBody(required = false) Acknowledgement body,
            Principal caller) {
        String by = body != null && body.by() != null ? body.by() : caller.getName();
        return alerts.acknowledge(alertId, by);
    }

    record NewKeyDate(
            @NotNull @Pattern(regexp = KeyDateKind.ANY_NAME, message = "must be one of " + KeyDateKind.NAMES) String kind,
            @NotBlank @Size(max = 200) String title,
            @NotNull LocalDate on,
            Boolean yearly,
            @Size(max = 2000) String notes) {
    }

    record NewNews(
            @NotNull @Pattern(regexp = KeyDateKind.ANY_NAME, message = "must be one of " + KeyDateKind.NAMES) String kind,
            @NotBlank @Size(max = 300) String headline,
            LocalDate happenedOn,
            @Size(max = 4000) String notes) {
    }

    record Acknowledgement(@Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String by) {
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
