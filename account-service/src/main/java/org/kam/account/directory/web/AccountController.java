package org.kam.account.directory.web;

import org.kam.chassis.security.Roles;
import java.net.URI;
import java.time.LocalDate;

import org.kam.account.directory.AccountDetails;
import org.kam.account.directory.AccountDirectory;
import org.kam.account.directory.AccountFilter;
import org.kam.account.directory.AccountPage;
import org.kam.account.directory.AccountView;
import org.kam.account.tiering.Tier;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;

/** The customer directory: anyone signed in reads it, account managers and admins write it. */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

    private final AccountDirectory directory;

    AccountController(AccountDirectory directory) {
        this.directory = directory;
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping
    AccountPage list(@RequestParam(required = false) Tier tier,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String industry,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return directory.list(new AccountFilter(tier, region, industry, owner, q), page, size);
    }

    @PreAuthorize(Roles.STAFF)
    @GetMapping("/{id}")
    AccountView get(@PathVariable String id) {
        return directory.view(id).orElseThrow(() -> new NotFoundException("No account " + id));
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('KAM', 'ADMIN')")
    ResponseEntity<AccountView> create(
            @Validated({ Default.class, Creating.class }) @RequestBody AccountRequest request) {
        directory.create(request.details(request.id()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(request.id())
                .toUri();
        return ResponseEntity.created(location).body(get(request.id()));
    }

    /** Creates the account or replaces what the directory keeps about it: fields left out are cleared. */
    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('KAM', 'ADMIN')")
    ResponseEntity<AccountView> save(@PathVariable @Size(max = 64) String id,
            @Valid @RequestBody AccountRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw new InvalidEventException("id", "must be the id in the path, " + id + ", was " + request.id());
        }
        boolean created = directory.save(request.details(id));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(get(id));
    }

    /** Validation group of the fields a new account needs beyond those of an update. */
    interface Creating {
    }

    record AccountRequest(
            @NotBlank(groups = Creating.class) @Size(max = 64) String id,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 100) String industry,
            @Size(max = 100) String region,
            @Size(max = 64) String parentId,
            @PastOrPresent LocalDate openedOn,
            @Size(max = 200) String owner,
            @Min(1) @Max(5) Integer financialStrength,
            @Min(1) @Max(5) Integer coreCompetence,
            @Min(1) @Max(5) Integer growthPotential) {

        AccountDetails details(String accountId) {
            return new AccountDetails(accountId, name, industry, region, blankToNull(parentId), openedOn, owner,
                    financialStrength, coreCompetence, growthPotential);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
