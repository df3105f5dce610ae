package org.kam.insight.portfolio.web;

import java.util.List;

import org.kam.chassis.security.Roles;
import org.kam.insight.portfolio.Movers;
import org.kam.insight.portfolio.Portfolio;
import org.kam.insight.portfolio.PortfolioViews;
import org.kam.insight.portfolio.TierTimeline;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The portfolio views: revenue per customer, for the commercial side and analysts (not supply). */
@RestController
@Validated
@RequestMapping("/api/v1/portfolio")
class PortfolioController {

    private final PortfolioViews views;

    PortfolioController(PortfolioViews views) {
        this.views = views;
    }

    @PreAuthorize(Roles.COMMERCIAL)
    @GetMapping("/pareto")
    PortfolioViews.Period<Portfolio.Pareto> pareto(@RequestParam(defaultValue = "365") @Min(1) @Max(3660) int days,
            @RequestParam(defaultValue = "200") @Min(10) @Max(2000) int points) {
        return views.pareto(days, points);
    }

    @PreAuthorize(Roles.COMMERCIAL)
    @GetMapping("/concentration")
    PortfolioViews.Period<Portfolio.Concentration> concentration(
            @RequestParam(defaultValue = "365") @Min(1) @Max(3660) int days) {
        return views.concentration(days);
    }

    @PreAuthorize(Roles.COMMERCIAL)
    @GetMapping("/tiers")
    List<TierTimeline.MonthOfTiers> tiers(@RequestParam(defaultValue = "24") @Min(1) @Max(120) int months) {
        return views.tiers(months);
    }

    @PreAuthorize(Roles.COMMERCIAL)
    @GetMapping("/movers")
    PortfolioViews.Period<Movers.TopMovers> movers(@RequestParam(defaultValue = "90") @Min(7) @Max(730) int days,
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
        return views.movers(days, limit);
    }
}
