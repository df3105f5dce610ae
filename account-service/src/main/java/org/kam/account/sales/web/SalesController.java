package org.kam.account.sales.web;

import java.util.Map;

import org.kam.account.sales.Sale;
import org.kam.account.sales.SaleReader;
import org.kam.account.sales.SalesLedger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales")
class SalesController {

    private final SaleReader reader;
    private final SalesLedger ledger;

    SalesController(SaleReader reader, SalesLedger ledger) {
        this.reader = reader;
        this.ledger = ledger;
    }

    /** Same JSON as kam.sales.v1; 202 because the sale is applied asynchronously from the stream. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAnyRole('SALES', 'ADMIN')")
    Map<String, Object> submit(@RequestBody byte[] json) {
        Sale sale = reader.read(json);
        ledger.accept(sale, json);
        return Map.of("eventId", sale.eventId(), "accountId", sale.accountId(), "status", "ACCEPTED");
    }
}
