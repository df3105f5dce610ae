package org.kam.insight.analysis.web;

import java.util.List;

import org.kam.chassis.security.Roles;
import org.kam.insight.analysis.MarketWatch;
import org.kam.insight.collection.MarketSignal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Validated
class MarketSignalController {

    private final MarketWatch watch;

    MarketSignalController(MarketWatch watch) {
        this.watch = watch;
    }

    /** The market signals found, newest week first; of one key account or product line, or of all. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/market-signals")
    List<MarketSignal> signals(@RequestParam(required = false) @Size(max = 64) String accountId,
            @RequestParam(required = false) @Size(max = 100) String productLine,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return watch.signals(accountId == null || accountId.isBlank() ? null : accountId,
                productLine == null || productLine.isBlank() ? null : productLine, limit);
    }

    /** A key account's weekly sales against their baseline, with its signals: what the dashboard draws. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/market-signals/series")
    MarketWatch.Series series(@RequestParam @NotBlank @Size(max = 64) String accountId,
            @RequestParam(defaultValue = "104") @Min(8) @Max(520) int weeks) {
        return watch.series(accountId, weeks);
    }

    /** A product line's weekly sales (all accounts) against their baseline, with its signals. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/market-signals/product-line-series")
    MarketWatch.Series productLineSeries(@RequestParam @NotBlank @Size(max = 100) String productLine,
            @RequestParam(defaultValue = "104") @Min(8) @Max(520) int weeks) {
        return watch.productLineSeries(productLine, weeks);
    }

    /** The product lines the market watch follows. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/market-signals/product-lines")
    List<String> productLines() {
        return watch.watchedProductLines();
    }

    /** The accounts the market watch follows (every account KEY now), largest revenue of the last year first. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/market-signals/accounts")
    List<String> watched() {
        return watch.watchedByRevenue();
    }
}
