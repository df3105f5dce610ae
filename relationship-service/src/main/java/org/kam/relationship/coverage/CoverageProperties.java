package org.kam.relationship.coverage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The coverage checklist of each tier ({@code kam.relationship.coverage.key}, {@code .potential},
 * {@code .regular}): requirements written as {@code LEVEL}, {@code ROLE} or {@code LEVEL:ROLE}. A
 * role must be one of the configured roles; a typo stops the service at start-up instead of
 * reporting a gap nobody can fill.
 */
@ConfigurationProperties("kam.relationship.coverage")
public record CoverageProperties(List<String> key, List<String> potential, List<String> regular) {

    public CoverageProperties {
        key = key == null ? List.of() : List.copyOf(key);
        potential = potential == null ? List.of() : List.copyOf(potential);
        regular = regular == null ? List.of() : List.copyOf(regular);
    }

    CoverageChecklist checklist(java.util.Set<String> knownRoles) {
        Map<Tier, List<Requirement>> byTier = new EnumMap<>(Tier.class);
        byTier.put(Tier.KEY, parse(key, knownRoles));
        byTier.put(Tier.POTENTIAL, parse(potential, knownRoles));
        byTier.put(Tier.REGULAR, parse(regular, knownRoles));
        return new CoverageChecklist(byTier);
    }

    private static List<Requirement> parse(List<String> lines, java.util.Set<String> knownRoles) {
        return lines.stream().filter(line -> !line.isBlank()).map(Requirement::parse).peek(requirement -> {
            if (requirement.role() != null && !knownRoles.contains(requirement.role())) {
                throw new IllegalArgumentException("kam.relationship.coverage names the role " + requirement.role()
                        + ", which is not among the configured roles " + knownRoles);
            }
        }).toList();
    }
}
