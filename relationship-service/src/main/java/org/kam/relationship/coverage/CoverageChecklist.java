package org.kam.relationship.coverage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kam.relationship.contact.AccountContact;

/**
 * What the supplier must know at an account of each tier ({@code kam.relationship.coverage}),
 * and whether the current contacts meet it. Pure: given the tier's requirements and the people,
 * it says which requirement is met by whom and which are gaps.
 */
public final class CoverageChecklist {

    private final Map<Tier, List<Requirement>> requirements;

    public CoverageChecklist(Map<Tier, List<Requirement>> requirements) {
        this.requirements = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            this.requirements.put(tier, List.copyOf(requirements.getOrDefault(tier, List.of())));
        }
    }

    public List<Requirement> requirements(Tier tier) {
        return requirements.get(tier);
    }

    public Coverage assess(Tier tier, List<AccountContact> contacts) {
        List<Coverage.Check> checks = requirements.get(tier).stream()
                .map(requirement -> new Coverage.Check(requirement.toString(),
                        contacts.stream().filter(requirement::metBy).map(AccountContact::id).distinct().toList()))
                .toList();
        return new Coverage(tier, checks);
    }

    /** The verdict for one account: each requirement of its tier and the contacts that meet it. */
    public record Coverage(Tier tier, List<Check> checks) {

        public List<String> gaps() {
            return checks.stream().filter(check -> !check.met()).map(Check::requirement).toList();
        }

        public boolean complete() {
            return checks.stream().allMatch(Check::met);
        }

        public record Check(String requirement, List<UUID> metBy) {
            public boolean met() {
                return !metBy.isEmpty();
            }
        }
    }
}
