package org.kam.supply.allocation.web;

import org.kam.chassis.security.Roles;
import java.util.List;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.supply.allocation.AllocationPreview;
import org.kam.supply.allocation.OrderLine;
import org.kam.supply.allocation.Orders;
import org.kam.supply.allocation.SkuPosition.Backorder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

@RestController
@Validated
class AllocationController {

    private final AllocationPreview preview;
    private final Orders orders;

    AllocationController(AllocationPreview preview, Orders orders) {
        this.preview = preview;
        this.orders = orders;
    }

    /**
     * A dry run on the SKU as it stands: {@code accountId} + {@code quantity} previews an order (from
     * the buyer's protection, free stock, or backorder); {@code arriving} previews stock arriving
     * (which waiting orders it serves, which protections it fills).
     */
    @PreAuthorize(Roles.STAFF)
    @PostMapping("/api/v1/allocations/preview")
    Object preview(@Valid @RequestBody PreviewRequest request) {
        if (request.arriving() != null) {
            if (request.accountId() != null || request.quantity() != null) {
                throw new InvalidEventException("arriving", "previews an arrival: leave accountId and quantity out");
            }
            return preview.arrival(request.sku(), request.arriving());
        }
        if (request.accountId() == null || request.accountId().isBlank()) {
            throw new InvalidEventException("accountId", "must not be blank (or give arriving to preview an arrival)");
        }
        if (request.quantity() == null) {
            throw new InvalidEventException("quantity", "must not be null (or give arriving to preview an arrival)");
        }
        return preview.order(request.sku(), request.accountId(), request.quantity());
    }

    /** Orders (sales served from stock), newest first; {@code open=true}: only those still owed units. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/orders")
    List<OrderLine> orders(@RequestParam(required = false) String accountId,
            @RequestParam(required = false) String sku,
            @RequestParam(defaultValue = "false") boolean open,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return orders.list(accountId, sku, open, page, size);
    }

    /** A SKU's orders still owed units, in the order arriving stock will serve them. */
    @PreAuthorize(Roles.STAFF)
    @GetMapping("/api/v1/backorders")
    List<Backorder> backorders(@RequestParam @NotBlank String sku) {
        return orders.backorders(sku);
    }

    record PreviewRequest(@NotBlank String sku, String accountId, @Min(1) Integer quantity, @Min(1) Integer arriving) {
    }
}
