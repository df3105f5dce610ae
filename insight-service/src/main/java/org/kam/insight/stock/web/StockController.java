package org.kam.insight.stock.web;

import java.time.Duration;
import java.util.List;

import org.kam.chassis.security.Roles;
import org.kam.insight.stock.StockPositions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Validated
class StockController {

    private final StockPositions stock;

    StockController(StockPositions stock) {
        this.stock = stock;
    }

    /** Protected stock, shortages and key-account backorders of the last {@code days}, per SKU. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/stock")
    List<StockPositions.SkuStock> perSku(@RequestParam(defaultValue = "30") @Min(1) @Max(365) int days,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return stock.perSku(Duration.ofDays(days), limit);
    }
}
