package org.kam.supply.catalogue.web;

import org.kam.chassis.security.Roles;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.kam.supply.catalogue.Catalogue;
import org.kam.supply.catalogue.IncomingSupply;
import org.kam.supply.catalogue.NewSupply;
import org.kam.supply.catalogue.SupplyKind;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Production orders and shipments on their way, and their arrival. */
@RestController
@RequestMapping("/api/v1/incoming-supply")
@Validated
class IncomingSupplyController {

    private final Catalogue catalogue;

    IncomingSupplyController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<IncomingSupply> list(@RequestParam(required = false) String sku,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return catalogue.incoming(sku, page, size);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('SUPPLY', 'ADMIN')")
    ResponseEntity<IncomingSupply> expect(@Valid @RequestBody SupplyDetails details) {
        IncomingSupply supply = catalogue.expect(new NewSupply(details.kind(), details.sku(), details.warehouseId(),
                details.quantity(), details.dueOn()));
        return ResponseEntity.created(URI.create("/api/v1/incoming-supply/" + supply.id())).body(supply);
    }

    /** Books the supply as arrived; its quantity joins the warehouse's stock. A second receipt is a 409. */
    @PostMapping("/{id}/receive")
    @PreAuthorize("hasAnyRole('SUPPLY', 'ADMIN')")
    IncomingSupply receive(@PathVariable UUID id) {
        return catalogue.receive(id);
    }

    record SupplyDetails(@NotNull SupplyKind kind, @NotBlank String sku, @NotBlank String warehouseId,
            @NotNull Integer quantity, @NotNull LocalDate dueOn) {
    }
}
