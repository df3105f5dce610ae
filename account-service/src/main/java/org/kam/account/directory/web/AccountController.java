package org.kam.account.directory.web;

import java.util.List;

import org.kam.account.directory.Account;
import org.kam.account.directory.AccountDirectory;
import org.kam.account.tiering.Tier;
import org.kam.chassis.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

    private final AccountDirectory directory;

    AccountController(AccountDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    List<Account> list(@RequestParam(required = false) Tier tier,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return directory.list(tier, page, size);
    }

    @GetMapping("/{id}")
    Account get(@PathVariable String id) {
        return directory.find(id).orElseThrow(() -> new NotFoundException("No account " + id));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('KAM', 'ADMIN')")
    ResponseEntity<Account> save(@PathVariable @Size(max = 64) String id, @Valid @RequestBody AccountDetails details) {
        boolean created = directory.save(id, details.name(), details.industry(), details.region());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(directory.find(id).orElseThrow());
    }

    record AccountDetails(@NotBlank @Size(max = 200) String name, @Size(max = 100) String industry,
            @Size(max = 100) String region) {
    }
}
