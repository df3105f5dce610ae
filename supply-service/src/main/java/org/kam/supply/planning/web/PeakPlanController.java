package org.kam.supply.planning.web;

import org.kam.chassis.security.Roles;
import java.util.List;

import org.kam.supply.planning.PeakPlan;
import org.kam.supply.planning.PeakPlanning;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The peak-season plan: the SKUs whose KEY and POTENTIAL demand outruns projected stock, and what to do. */
@RestController
@RequestMapping("/api/v1/peak-plan")
class PeakPlanController {

    private final PeakPlanning planning;

    PeakPlanController(PeakPlanning planning) {
        this.planning = planning;
    }

    /** The current plan of every SKU at risk, or of one; an unknown SKU is a 400 naming {@code sku}. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping
    List<PeakPlan> plan(@RequestParam(required = false) String sku) {
        return planning.plans(sku);
    }

    /** Plans now (as the schedule does), publishes what changed, and answers the new plan. */
    @PostMapping("/run")
    @PreAuthorize("hasAnyRole('SUPPLY', 'ADMIN')")
    List<PeakPlan> run() {
        return planning.run();
    }
}
