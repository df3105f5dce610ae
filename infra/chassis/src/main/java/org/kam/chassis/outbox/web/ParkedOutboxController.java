package org.kam.chassis.outbox.web;

import java.util.List;
import java.util.UUID;

import org.kam.chassis.outbox.OutboxRelay;
import org.kam.chassis.outbox.OutboxRelay.ParkedEvent;
import org.kam.chassis.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Outbox rows Kafka refused {@code kam.outbox.max-attempts} times (too large, unknown topic, not
 * authorised): an operator lists them with their reasons, sends one again once the cause is fixed,
 * or discards it. Every service has these endpoints; only ADMIN may use them.
 */
@RestController
@Validated
@RequestMapping("/api/v1/operations/outbox/parked")
public class ParkedOutboxController {

    private final OutboxRelay relay;

    public ParkedOutboxController(OutboxRelay relay) {
        this.relay = relay;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    public List<ParkedEvent> parked(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return relay.parked(limit);
    }

    @PostMapping("/{eventId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('ADMIN')")
    public void resend(@PathVariable UUID eventId) {
        if (!relay.resend(eventId)) {
            throw new NotFoundException("no parked outbox event " + eventId);
        }
    }

    @DeleteMapping("/{eventId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    public void discard(@PathVariable UUID eventId) {
        if (!relay.discard(eventId)) {
            throw new NotFoundException("no parked outbox event " + eventId);
        }
    }
}
