package org.kam.insight.notification.web;

import org.kam.chassis.security.Roles;
import java.util.List;

import org.kam.chassis.messaging.Enums;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.insight.notification.Department;
import org.kam.insight.notification.Notification;
import org.kam.insight.notification.NotificationFeed;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any authenticated caller may read the notifications. The parameters are checked here, so a bad
 * one answers as a ProblemDetail naming it and listing what it may be.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    static final int MAX_LIMIT = 500;

    private final NotificationFeed feed;

    NotificationController(NotificationFeed feed) {
        this.feed = feed;
    }

    /** The newest {@code limit} (1..500) notifications, of one department or of all. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Notification> latest(@RequestParam(required = false) String department,
            @RequestParam(defaultValue = "50") String limit) {
        return feed.latest(department(department), limit(limit));
    }

    private static Department department(String text) {
        return Enums.parseOptional(Department.class, "department", text == null || text.isEmpty() ? null : text);
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
