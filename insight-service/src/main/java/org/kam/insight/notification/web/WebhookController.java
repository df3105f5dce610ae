package org.kam.insight.notification.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.messaging.Enums;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.security.Roles;
import org.kam.insight.notification.Department;
import org.kam.insight.notification.Severity;
import org.kam.insight.notification.WebhookDeliveries;
import org.kam.insight.notification.Webhooks;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Webhooks and their deliveries: administrators only (a webhook sends the feed out of the building). */
@RestController
@Validated
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;

    WebhookController(Webhooks webhooks, WebhookDeliveries deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @PreAuthorize(Roles.ADMIN)
    @GetMapping
    List<Webhooks.Webhook> all() {
        return webhooks.all();
    }

    /** A new webhook; the answer holds its signing secret, the only time it is shown. */
    @PreAuthorize(Roles.ADMIN)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Webhooks.Webhook> add(@Valid @RequestBody WebhookRequest request) {
        List<Department> departments = new ArrayList<>();
        for (String department : request.departments() == null ? List.<String>of() : request.departments()) {
            departments.add(Enums.parse(Department.class, "departments", department));
        }
        Webhooks.Webhook added = webhooks.add(request.name().trim(), url(request.url()), List.copyOf(departments),
                request.minSeverity() == null ? Severity.INFO : Enums.parse(Severity.class, "minSeverity", request.minSeverity()),
                request.secret());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + added.id())).body(added);
    }

    @PreAuthorize(Roles.ADMIN)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable UUID id) {
        webhooks.remove(id);
        return ResponseEntity.noContent().build();
    }

    /** Deliveries, newest first; {@code status} PENDING, DELIVERED or PARKED (default: all). */
    @PreAuthorize(Roles.ADMIN)
    @GetMapping("/deliveries")
    List<WebhookDeliveries.Delivery> deliveries(@RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        if (status != null && !List.of("PENDING", "DELIVERED", "PARKED").contains(status)) {
            throw new InvalidEventException("status", "must be one of PENDING, DELIVERED, PARKED, was '" + status + "'");
        }
        return deliveries.find(status, limit);
    }

    /** A parked delivery tried again, from its first attempt. */
    @PreAuthorize(Roles.ADMIN)
    @PostMapping("/deliveries/{id}/retry")
    WebhookDeliveries.Delivery retry(@PathVariable UUID id) {
        return deliveries.retry(id);
    }

    /** An absolute http or https URL with a host: anything else is refused before it is stored. */
    private static URI url(String text) {
        try {
            URI url = new URI(text.trim());
            if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())) || url.getHost() == null) {
                throw new InvalidEventException("url", "must be an absolute http or https URL, was '" + text + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidEventException("url", "must be an absolute http or https URL, was '" + text + "'");
        }
    }

    /**
     * @param departments the departments whose notifications it wants (none: all)
     * @param minSeverity this severity or worse (default INFO: all)
     * @param secret      to sign deliveries with (none: one is made)
     */
    record WebhookRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 2000) String url,
            @Size(max = 5) List<@NotBlank String> departments, String minSeverity,
            @Size(min = 16, max = 200) String secret) {
    }
}
