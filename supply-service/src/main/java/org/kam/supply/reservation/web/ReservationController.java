package org.kam.supply.reservation.web;

import org.kam.chassis.security.Roles;
import java.util.List;

import org.kam.supply.reservation.Reservation;
import org.kam.supply.reservation.Reservations;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/v1/reservations")
@Validated
class ReservationController {

    private final Reservations reservations;

    ReservationController(Reservations reservations) {
        this.reservations = reservations;
    }

    /** Protections, optionally of one account and/or one SKU; released ones show 0 requested. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Reservation> list(@RequestParam(required = false) String accountId,
            @RequestParam(required = false) String sku,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return reservations.list(accountId, sku, page, size);
    }
}
