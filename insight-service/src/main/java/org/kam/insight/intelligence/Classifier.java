package org.kam.insight.intelligence;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Classifies a report by the first rule, in priority order (lowest first, then id), that names a
 * keyword found in its title or text as a whole word or phrase, ignoring case and accents. Pure;
 * the rules are people's, edited through the API. Nothing matched: {@link InformationClass#OTHER}.
 */
public final class Classifier {

    /** A rule: any of {@code keywords} makes a report {@code informationClass}. */
    public record Rule(UUID id, InformationClass informationClass, List<String> keywords, int priority) {
    }

    public record Verdict(InformationClass informationClass, UUID ruleId, String keyword) {
    }

    public Verdict classify(List<Rule> rules, String title, String text) {
        String haystack = " " + MinHash.normalise(title + " " + (text == null ? "" : text)) + " ";
        List<Rule> ordered = rules.stream()
                .sorted(Comparator.comparingInt(Rule::priority).thenComparing(Rule::id)).toList();
        for (Rule rule : ordered) {
            for (String keyword : rule.keywords()) {
                String needle = MinHash.normalise(keyword);
                if (!needle.isEmpty() && haystack.contains(" " + needle + " ")) {
                    return new Verdict(rule.informationClass(), rule.id(), keyword);
                }
            }
        }
        return new Verdict(InformationClass.OTHER, null, null);
    }

}
