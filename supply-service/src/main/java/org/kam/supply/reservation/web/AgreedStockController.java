package org.kam.supply.reservation.web;

import org.kam.chassis.security.Roles;
import java.util.List;

import org.kam.supply.reservation.AgreedStockLevel;
import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.Reservations;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The "reasonable stock level" agreed with a key account per SKU, which overrides its forecast. */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/agreed-stock")
@Validated
class AgreedStockController {

    private final Protections protections;
    private final Reservations reservations;

    AgreedStockController(Protections protections, Reservations reservations) {
        this.protections = protections;
        this.reservations = reservations;
    }

    /** Every level agreed with the account, also those not applied while it is not KEY. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<AgreedStockLevel> list(@PathVariable String accountId) {
        return reservations.agreedLevels(accountId);
    }

    /** Sets the level for a KEY account and re-sizes its protection of the SKU at once. */
    @PutMapping("/{sku}")
    @PreAuthorize("hasAnyRole('SUPPLY', 'KAM_LEAD', 'ADMIN')")
    AgreedStockLevel agree(@PathVariable @Size(max = 64) String accountId, @PathVariable @Size(max = 64) String sku,
            @Valid @RequestBody AgreedLevel level, Authentication caller) {
        return protections.agree(accountId, sku, level.units(), level.note(), caller.getName());
    }

    /** Back to the forecast for the SKU. */
    @DeleteMapping("/{sku}")
    @PreAuthorize("hasAnyRole('SUPPLY', 'KAM_LEAD', 'ADMIN')")
    ResponseEntity<Void> withdraw(@PathVariable String accountId, @PathVariable String sku) {
        protections.withdrawAgreement(accountId, sku);
        return ResponseEntity.noContent().build();
    }

    record AgreedLevel(@NotNull @Min(0) Integer units, @Size(max = 500) String note) {
    }
}
