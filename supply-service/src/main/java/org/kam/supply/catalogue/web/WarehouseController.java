package org.kam.supply.catalogue.web;

import org.kam.chassis.security.Roles;
import java.util.List;

import org.kam.supply.catalogue.Catalogue;
import org.kam.supply.catalogue.Warehouse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/warehouses")
@Validated
class WarehouseController {

    private final Catalogue catalogue;

    WarehouseController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Warehouse> list() {
        return catalogue.warehouses();
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('SUPPLY', 'ADMIN')")
    ResponseEntity<Warehouse> save(@PathVariable @Size(max = 64) String id, @Valid @RequestBody WarehouseDetails details) {
        boolean created = catalogue.saveWarehouse(id, details.name(), details.region());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(catalogue.warehouse(id).orElseThrow());
    }

    record WarehouseDetails(@NotBlank @Size(max = 200) String name, @Size(max = 100) String region) {
    }
}
