package org.kam.insight.notification.web;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.messaging.Enums;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.security.Roles;
import org.kam.chassis.web.NotFoundException;
import org.kam.insight.notification.Actions;
import org.kam.insight.notification.Department;
import org.kam.insight.notification.Kind;
import org.kam.insight.notification.Notification;
import org.kam.insight.notification.NotificationFeed;
import org.kam.insight.notification.Severity;
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

/**
 * The notifications: listed per department and filtered, acknowledged, turned into actions. Any
 * staff role may do each; the parameters are checked here, so a bad one answers as a ProblemDetail
 * naming it and listing what it may be.
 */
@RestController
@Validated
@RequestMapping("/api/v1/notifications")
class NotificationController {

    static final int MAX_LIMIT = 500;

    private final NotificationFeed feed;
    private final Actions actions;

    NotificationController(NotificationFeed feed, Actions actions) {
        this.feed = feed;
        this.actions = actions;
    }

    /**
     * The newest {@code limit} (1..500) notifications: of one department or all, of one kind, of this
     * severity or worse, acknowledged or not (open), about one account.
     */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Notification> latest(@RequestParam(required = false) String department,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String acknowledged,
            @RequestParam(required = false) @Size(max = 64) String accountId,
            @RequestParam(defaultValue = "50") String limit) {
        return feed.find(new NotificationFeed.Filter(Enums.parseOptional(Department.class, "department", blank(department)),
                Enums.parseOptional(Kind.class, "kind", blank(kind)), Enums.parseOptional(Severity.class, "severity", blank(severity)),
                bool("acknowledged", acknowledged), blank(accountId)), limit(limit));
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/{id}")
    Notification get(@PathVariable UUID id) {
        return feed.get(id).orElseThrow(() -> new NotFoundException("No notification " + id));
    }

    /** The caller has seen it; the first acknowledgement stays. */
    @PreAuthorize(Roles.STAFF)
    @PostMapping("/{id}/acknowledge")
    Notification acknowledge(@PathVariable UUID id, Principal caller) {
        return feed.acknowledge(id, caller.getName());
    }

    /** Makes it something {@code owner} must do by {@code dueOn}; escalated to MANAGEMENT if still open after it. */
    @PreAuthorize(Roles.STAFF)
    @PostMapping(path = "/{id}/actions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Actions.Action> act(@PathVariable UUID id, @Valid @RequestBody ActionRequest request, Principal caller) {
        Actions.Action action = actions.create(id, request.owner(), request.dueOn(), request.note(), caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/actions/" + action.id())).body(action);
    }

    /**
     * @param owner who must act: a staff id (letters, digits, {@code . _ -})
     * @param dueOn by when
     */
    record ActionRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a staff id of at most 64 letters, digits, '.', '_' or '-'") String owner,
            @NotNull LocalDate dueOn, @Size(max = 2000) String note) {
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Boolean bool(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidEventException(field, "must be true or false, was '" + text + "'");
        };
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidEventException("limit", "must be an integer from 1 to " + MAX_LIMIT + ", was '" + text + "'");
    }
}
