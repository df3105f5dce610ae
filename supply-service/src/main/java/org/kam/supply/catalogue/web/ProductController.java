package org.kam.supply.catalogue.web;

import org.kam.chassis.security.Roles;
import java.util.List;

import org.kam.chassis.web.NotFoundException;
import org.kam.supply.catalogue.Catalogue;
import org.kam.supply.catalogue.LeadTimes;
import org.kam.supply.catalogue.Product;
import org.kam.supply.catalogue.ProductView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/products")
@Validated
class ProductController {

    private final Catalogue catalogue;

    ProductController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<Product> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return catalogue.list(page, size);
    }

    /** The product with its stock per warehouse and the supply still expected. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/{sku}")
    ProductView get(@PathVariable String sku) {
        return catalogue.view(sku).orElseThrow(() -> new NotFoundException("No product " + sku));
    }

    /**
     * Sets a product's master data and its stock in the default warehouse (MAIN), as before
     * warehouses existed; protections follow the new stock. {@code technical} left out means false;
     * lead times left out mean the configured ones.
     */
    @PutMapping("/{sku}")
    @PreAuthorize("hasAnyRole('SUPPLY', 'ADMIN')")
    ResponseEntity<ProductView> save(@PathVariable @Size(max = 64) String sku,
            @Valid @RequestBody ProductDetails details) {
        boolean created = catalogue.save(sku, details.name(), details.productLine(),
                Boolean.TRUE.equals(details.technical()), details.onHand(),
                new LeadTimes(details.productionLeadDays(), details.transportLeadDays()));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(catalogue.view(sku).orElseThrow());
    }

    /** Sets the units on hand of a product in one warehouse; protections follow the SKU's new total. */
    @PutMapping("/{sku}/stock/{warehouseId}")
    @PreAuthorize("hasAnyRole('SUPPLY', 'ADMIN')")
    ProductView setStock(@PathVariable String sku, @PathVariable String warehouseId,
            @Valid @RequestBody StockLevel stock) {
        catalogue.setStock(sku, warehouseId, stock.onHand());
        return catalogue.view(sku).orElseThrow();
    }

    record ProductDetails(@NotBlank @Size(max = 200) String name, @Size(max = 100) String productLine,
            Boolean technical, @NotNull @Min(0) Integer onHand, @Min(0) @Max(730) Integer productionLeadDays,
            @Min(0) @Max(730) Integer transportLeadDays) {
    }

    record StockLevel(@NotNull @Min(0) Integer onHand) {
    }
}
