package org.kam.relationship.contact.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.security.Roles;
import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.contact.AccountContact;
import org.kam.relationship.contact.ContactBook;
import org.kam.relationship.contact.Level;
import org.kam.relationship.contact.LinkDetails;
import org.kam.relationship.contact.Person;
import org.kam.relationship.contact.Stance;
import org.springframework.http.MediaType;
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
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The people at a customer: the account teams read and write them (they hold personal data). */
@RestController
@Validated
@RequestMapping("/api/v1/accounts/{accountId}/contacts")
class ContactController {

    private static final String STANCES = "CHAMPION|SUPPORTER|NEUTRAL|SCEPTIC|OPPONENT";

    private final ContactBook book;

    ContactController(ContactBook book) {
        this.book = book;
    }

    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountContact> add(@PathVariable @Size(max = 64) String accountId,
            @Valid @RequestBody ContactDetails details) {
        AccountContact contact = book.add(accountId, details.person(), details.link());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(contact.id()).toUri();
        return ResponseEntity.created(location).body(contact);
    }

    /** The people working there today; {@code history=true} adds those who left. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @GetMapping
    List<AccountContact> list(@PathVariable @Size(max = 64) String accountId,
            @RequestParam(defaultValue = "false") boolean history) {
        return book.list(accountId, history);
    }

    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @GetMapping("/{contactId}")
    AccountContact get(@PathVariable @Size(max = 64) String accountId, @PathVariable UUID contactId) {
        return book.find(accountId, contactId)
                .orElseThrow(() -> new NotFoundException("No contact " + contactId + " at account " + accountId));
    }

    /** Every customer the person worked at, oldest first. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @GetMapping("/{contactId}/history")
    List<AccountContact> history(@PathVariable @Size(max = 64) String accountId, @PathVariable UUID contactId) {
        get(accountId, contactId);
        return book.findLinks(contactId);
    }

    /** Replaces how the person works here (level, title, roles, influence, …) and their details. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PutMapping(path = "/{contactId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountContact update(@PathVariable @Size(max = 64) String accountId, @PathVariable UUID contactId,
            @Valid @RequestBody ContactDetails details) {
        return book.update(accountId, contactId, details.person(), details.link());
    }

    /** The person left the customer; the link is kept, ended on {@code lastDay} (today when absent). */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping(path = "/{contactId}/end", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountContact end(@PathVariable @Size(max = 64) String accountId, @PathVariable UUID contactId,
            @Valid @RequestBody Ending ending) {
        return book.end(accountId, contactId, ending.lastDay());
    }

    /** The person moved to another customer: this link ends, a new one starts there. */
    @PreAuthorize(Roles.ACCOUNT_TEAM)
    @PostMapping(path = "/{contactId}/move", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountContact move(@PathVariable @Size(max = 64) String accountId, @PathVariable UUID contactId,
            @Valid @RequestBody Move move) {
        return book.move(accountId, contactId, move.toAccountId(), move.link());
    }

    /**
     * Level, stance and roles are read as text and checked here or by the role catalogue, so an
     * unknown value is reported on its field like any other invalid field, with the accepted values.
     */
    record ContactDetails(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = Level.ANY_NAME, message = "must be one of " + Level.NAMES) String level,
            @Size(max = 200) String title,
            @Size(max = 20) List<@NotNull @Size(max = 64) String> roles,
            @Min(1) @Max(5) Integer influence,
            @Min(1) @Max(5) Integer strength,
            @Pattern(regexp = STANCES, message = "must be one of CHAMPION, SUPPORTER, NEUTRAL, SCEPTIC, OPPONENT") String stance,
            UUID reportsTo,
            @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a staff id") String ownerStaffId,
            LocalDate from,
            @Email @Size(max = 254) String email,
            @Size(max = 50) String phone) {

        Person person() {
            return new Person(name, email, phone);
        }

        LinkDetails link() {
            return new LinkDetails(Level.valueOf(level), title, roles, influence, strength,
                    stance == null ? null : Stance.valueOf(stance), reportsTo, ownerStaffId, from);
        }
    }

    record Ending(LocalDate lastDay) {
    }

    record Move(
            @NotBlank @Size(max = 64) String toAccountId,
            @NotNull @Pattern(regexp = Level.ANY_NAME, message = "must be one of " + Level.NAMES) String level,
            @Size(max = 200) String title,
            @Size(max = 20) List<@NotNull @Size(max = 64) String> roles,
            @Min(1) @Max(5) Integer influence,
            @Min(1) @Max(5) Integer strength,
            @Pattern(regexp = STANCES, message = "must be one of CHAMPION, SUPPORTER, NEUTRAL, SCEPTIC, OPPONENT") String stance,
            UUID reportsTo,
            @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a staff id") String ownerStaffId,
            LocalDate from) {

        LinkDetails link() {
            return new LinkDetails(Level.valueOf(level), title, roles, influence, strength,
                    stance == null ? null : Stance.valueOf(stance), reportsTo, ownerStaffId, from);
        }
    }
}
