package org.kam.insight.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MinHash near-duplicate detection on a labelled set of pairs (src/test/resources/intelligence/
 * dedup-labelled.jsonl): the same story reworded by another feed (duplicate) against related
 * stories with other facts (not). Prints precision and recall at each threshold and checks the
 * configured one.
 */
class NearDuplicatesMeasuredOnALabelledSetTest {

    /** The threshold application.yml configures ({@code kam.intelligence.duplicate-threshold}). */
    static final double CONFIGURED = 0.3;

    record Pair(String a, String b, boolean duplicate) {
    }

    @Test
    void atTheConfiguredThresholdEveryRewordedStoryIsFoundAndNoRelatedStoryIsMerged() throws IOException {
        List<Pair> pairs = labelled();
        for (double threshold = 0.15; threshold <= 0.61; threshold += 0.05) {
            Score score = score(pairs, threshold);
            System.out.printf("threshold %.2f: precision %.3f recall %.3f (tp %d fp %d fn %d)%n", threshold,
                    score.precision(), score.recall(), score.tp, score.fp, score.fn);
        }
        Score configured = score(pairs, CONFIGURED);

        assertThat(configured.precision()).as("precision").isEqualTo(1.0);
        assertThat(configured.recall()).as("recall").isEqualTo(1.0);
    }

    @Test
    void theEstimateFollowsTheExactSimilarity() throws IOException {
        for (Pair pair : labelled()) {
            double exact = MinHash.jaccard(pair.a(), pair.b());
            double estimate = MinHash.similarity(MinHash.signature(pair.a()), MinHash.signature(pair.b()));
            // 128 hashes: the estimate's standard error is at most 0.044
            assertThat(estimate).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.15));
        }
    }

    @Test
    void duplicatesShareABandSoTheyAreFoundWithoutComparingEveryPair() throws IOException {
        for (Pair pair : labelled()) {
            if (!pair.duplicate()) {
                continue;
            }
            int[] a = MinHash.bands(MinHash.signature(pair.a()));
            int[] b = MinHash.bands(MinHash.signature(pair.b()));
            boolean shared = false;
            for (int i = 0; i < MinHash.BANDS; i++) {
                shared |= a[i] == b[i];
            }
            assertThat(shared).as(pair.a()).isTrue();
        }
    }

    private static Score score(List<Pair> pairs, double threshold) {
        Score score = new Score();
        for (Pair pair : pairs) {
            boolean found = MinHash.similarity(MinHash.signature(pair.a()), MinHash.signature(pair.b())) >= threshold
                    && MinHash.sameFigures(pair.a(), pair.b());
            if (found && pair.duplicate()) {
                score.tp++;
            } else if (found) {
                score.fp++;
            } else if (pair.duplicate()) {
                score.fn++;
            }
        }
        return score;
    }

    private static final class Score {
        int tp;
        int fp;
        int fn;

        double precision() {
            return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        }
    }

    static List<Pair> labelled() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Pair> pairs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                NearDuplicatesMeasuredOnALabelledSetTest.class.getResourceAsStream("/intelligence/dedup-labelled.jsonl"),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode node = json.readTree(line);
                pairs.add(new Pair(node.get("a").asString(), node.get("b").asString(), node.get("duplicate").asBoolean()));
            }
        }
        return pairs;
    }
}
