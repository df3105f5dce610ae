package org.kam.relationship.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.kam.relationship.account.AccountRegister;
import org.kam.relationship.contact.AccountContact;
import org.kam.relationship.contact.ContactBook;
import org.kam.relationship.contact.Level;
import org.kam.relationship.contact.Stance;
import org.kam.relationship.coverage.CoverageChecklist.Coverage;
import org.kam.relationship.coverage.CoverageTracker;
import org.kam.relationship.coverage.KeyAccounts;
import org.kam.relationship.coverage.Tier;
import org.kam.relationship.staff.Staff;
import org.kam.relationship.staff.StaffMember;
import org.springframework.stereotype.Service;

/**
 * The relationship map of an account: the customer's org chart as the supplier knows it (who
 * reports to whom), who on the supplier's side owns each tie and the account, and the coverage
 * verdict of its plan tier.
 */
@Service
public class RelationshipMap {

    private final AccountRegister accounts;
    private final KeyAccounts keyAccounts;
    private final AccountPlans plans;
    private final ContactBook contacts;
    private final CoverageTracker coverage;
    private final Staff staff;

    RelationshipMap(AccountRegister accounts, KeyAccounts keyAccounts, AccountPlans plans, ContactBook contacts,
            CoverageTracker coverage, Staff staff) {
        this.accounts = accounts;
        this.keyAccounts = keyAccounts;
        this.plans = plans;
        this.contacts = contacts;
        this.coverage = coverage;
        this.staff = staff;
    }

    public record StaffRef(String id, String name) {
    }

    /** One person in the org chart, with the people reporting to them. */
    public record Node(UUID contactId, String name, Level level, String title, List<String> roles, Integer influence,
            Integer strength, Stance stance, StaffRef tieOwner, List<Node> reports) {
    }

    public record RelationshipMapView(String accountId, String name, String region, Tier tier, Tier planTier, StaffRef owner,
            List<Node> orgChart, Coverage coverage, List<String> gaps) {
    }

    public RelationshipMapView of(String accountId) {
        accounts.requireKnown(accountId);
        Map<String, StaffRef> people = staff.all().stream()
                .collect(Collectors.toMap(StaffMember::id, s -> new StaffRef(s.id(), s.name())));
        List<AccountContact> current = contacts.list(accountId, false);
        Set<UUID> present = current.stream().map(AccountContact::id).collect(Collectors.toSet());
        Map<UUID, List<AccountContact>> below = new HashMap<>();
        List<AccountContact> roots = new ArrayList<>();
        for (AccountContact contact : current) {
            if (contact.reportsTo() != null && present.contains(contact.reportsTo())) {
                below.computeIfAbsent(contact.reportsTo(), id -> new ArrayList<>()).add(contact);
            } else {
                roots.add(contact);
            }
        }
        List<Node> chart = roots.stream().sorted(ORDER).map(c -> node(c, below, people, new HashSet<>())).toList();
        Coverage verdict = coverage.coverage(accountId);
        var details = accounts.find(accountId);
        StaffRef owner = plans.find(accountId).map(AccountPlans.Plan::ownerStaffId).map(people::get).orElse(null);
        return new RelationshipMapView(accountId, details.map(d -> d.name()).orElse(null), details.map(d -> d.region()).orElse(null),
                keyAccounts.tier(accountId), keyAccounts.planTier(accountId), owner, chart, verdict, verdict.gaps());
    }

    /** Executives first, then by influence (highest first), then name. */
    private static final Comparator<AccountContact> ORDER = Comparator.comparing(AccountContact::level)
            .thenComparing(c -> c.influence() == null ? 0 : -c.influence()).thenComparing(AccountContact::name);

    private Node node(AccountContact contact, Map<UUID, List<AccountContact>> below, Map<String, StaffRef> people,
            Set<UUID> seen) {
        seen.add(contact.id());
        List<Node> reports = below.getOrDefault(contact.id(), List.of()).stream().filter(c -> !seen.contains(c.id()))
                .sorted(ORDER).map(c -> node(c, below, people, seen)).toList();
        return new Node(contact.id(), contact.name(), contact.level(), contact.title(), contact.roles(),
                contact.influence(), contact.strength(), contact.stance(),
                contact.ownerStaffId() == null ? null : people.get(contact.ownerStaffId()), reports);
    }
}
