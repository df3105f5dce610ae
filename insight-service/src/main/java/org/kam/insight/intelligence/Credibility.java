package org.kam.insight.intelligence;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How credible an item is, from who reports it. Pure. Organisations are independent unless they
 * belong to one group (a media house and its outlets, a company and its subsidiaries): the same
 * story from two outlets of one group counts once.
 *
 * <p>The credibility is the Admiralty scale's second half: 1 confirmed by other sources (two or
 * more independent organisations, no contradiction); 2 probably true (one, of reliability A or
 * B); 3 possibly true (one, C); 4 doubtful (one, D or E; or any report contradicts it); 6 cannot be
 * judged (one, F). 5 (improbable) is left to people: rejecting an item says so.
 */
public final class Credibility {

    /** One report's part in the verdict. */
    public record Evidence(String organisation, String group, Reliability reliability, boolean contradicts) {

        String independence() {
            return group == null || group.isBlank() ? "org:" + organisation.toLowerCase(java.util.Locale.ROOT)
                    : "group:" + group.toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Assessment(Standing standing, int credibility, List<String> independentSources,
            List<String> contradictedBy) {
    }

    public Assessment assess(List<Evidence> evidence) {
        Set<String> independent = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        Set<String> contradicting = new LinkedHashSet<>();
        for (Evidence e : evidence) {
            if (e.contradicts()) {
                contradicting.add(e.organisation());
            } else if (independent.add(e.independence())) {
                sources.add(e.organisation());
            }
        }
        if (!contradicting.isEmpty()) {
            return new Assessment(Standing.DISPUTED, 4, List.copyOf(sources), List.copyOf(contradicting));
        }
        if (independent.size() >= 2) {
            return new Assessment(Standing.CONFIRMED, 1, List.copyOf(sources), List.of());
        }
        Reliability best = evidence.stream().map(Evidence::reliability).min(Comparator.naturalOrder())
                .orElse(Reliability.F);
        int credibility = switch (best) {
            case A, B -> 2;
            case C -> 3;
            case D, E -> 4;
            case F -> 6;
        };
        return new Assessment(Standing.UNCONFIRMED, credibility, List.copyOf(sources), List.of());
    }
}
