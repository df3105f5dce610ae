package org.kam.supply.allocation.web;

import org.kam.supply.allocation.AllocationPreview;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

@RestController
class AllocationController {

    private final AllocationPreview preview;

    AllocationController(AllocationPreview preview) {
        this.preview = preview;
    }

    /** A dry run: what an order would get now, from the buyer's protection, free stock, or backorder. */
    @PostMapping("/api/v1/allocations/preview")
    AllocationPreview.Preview preview(@Valid @RequestBody OrderPreview order) {
        return preview.order(order.sku(), order.accountId(), order.quantity());
    }

    record OrderPreview(@NotBlank String sku, @NotBlank String accountId, @NotNull @Min(1) Integer quantity) {
    }
}
