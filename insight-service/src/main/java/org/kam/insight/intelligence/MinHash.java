package org.kam.insight.intelligence;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Near-duplicate detection by MinHash over character 5-gram shingles, with locality-sensitive
 * hashing (LSH) to find candidates without comparing every pair. Pure.
 *
 * <p>A report's title and text are normalised (accents folded, lower case, anything but letters
 * and digits a single space), cut into overlapping 5-character shingles, and each of
 * {@link #HASHES} seeded hash functions keeps its smallest value: the share of equal positions in
 * two signatures estimates the Jaccard similarity of the two shingle sets. The signature is cut
 * into {@link #BANDS} bands of {@link #ROWS} values; two reports that agree on a whole band are
 * candidates (with 64 × 2, pairs of similarity 0.3 become candidates with probability 0.998, of
 * 0.1 with 0.47), and a candidate is a duplicate when its estimated similarity reaches the
 * threshold ({@code kam.intelligence.duplicate-threshold}, 0.3) and the two do not state different
 * figures ({@link #sameFigures}). How the threshold was chosen: {@code
 * NearDuplicatesMeasuredOnALabelledSetTest}, reported in docs/benchmarks/intelligence-dedup.md.
 */
public final class MinHash {

    public static final int HASHES = 128;
    public static final int BANDS = 64;
    public static final int ROWS = HASHES / BANDS;
    static final int SHINGLE = 5;

    private static final long[] SEEDS = new long[HASHES];

    static {
        long seed = 0x6b616d_696e74L; // "kam" "int"
        for (int i = 0; i < HASHES; i++) {
            seed = mix(seed + 0x9E3779B97F4A7C15L);
            SEEDS[i] = seed;
        }
    }

    private MinHash() {
    }

    /** The signature of a text: {@link #HASHES} minima, one per seeded hash function. */
    public static int[] signature(String text) {
        Set<Long> shingles = shingles(text);
        int[] signature = new int[HASHES];
        Arrays.fill(signature, Integer.MAX_VALUE);
        for (long shingle : shingles) {
            for (int i = 0; i < HASHES; i++) {
                int value = (int) (mix(shingle ^ SEEDS[i]) >>> 33);
                if (value < signature[i]) {
                    signature[i] = value;
                }
            }
        }
        return signature;
    }

    /** The estimated Jaccard similarity of the two texts whose signatures these are (0 to 1). */
    public static double similarity(int[] a, int[] b) {
        int equal = 0;
        for (int i = 0; i < HASHES; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return equal / (double) HASHES;
    }

    /**
     * Whether two texts may be the same story by their figures: a reworded story keeps its numbers
     * (6 percent, 300 jobs, 2027), two stories cut from one template do not (sales fell 40 percent
     * in Germany, rose 12 percent in France). True when either has no figures or they share one.
     */
    public static boolean sameFigures(String a, String b) {
        Set<String> x = figures(a);
        Set<String> y = figures(b);
        if (x.isEmpty() || y.isEmpty()) {
            return true;
        }
        x.retainAll(y);
        return !x.isEmpty();
    }

    private static Set<String> figures(String text) {
        Set<String> figures = new HashSet<>();
        java.util.regex.Matcher numbers = java.util.regex.Pattern.compile("\\d+(?:[.,]\\d+)*").matcher(text);
        while (numbers.find()) {
            figures.add(numbers.group().replace(",", "").replace(".", ""));
        }
        return figures;
    }

    /** The hash of each band, for finding candidates that agree on a whole band. */
    public static int[] bands(int[] signature) {
        int[] bands = new int[BANDS];
        for (int band = 0; band < BANDS; band++) {
            long hash = band;
            for (int row = 0; row < ROWS; row++) {
                hash = mix(hash * 31 + signature[band * ROWS + row]);
            }
            bands[band] = (int) hash;
        }
        return bands;
    }

    /** The exact Jaccard similarity of the two texts' shingle sets (for measuring the estimate). */
    static double jaccard(String a, String b) {
        Set<Long> x = shingles(a);
        Set<Long> y = shingles(b);
        Set<Long> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return union.isEmpty() ? 1 : x.size() / (double) union.size();
    }

    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static Set<Long> shingles(String text) {
        String normal = normalise(text);
        Set<Long> shingles = new HashSet<>();
        if (normal.length() <= SHINGLE) {
            shingles.add(hash(normal));
            return shingles;
        }
        for (int i = 0; i + SHINGLE <= normal.length(); i++) {
            shingles.add(hash(normal.substring(i, i + SHINGLE)));
        }
        return shingles;
    }

    private static long hash(String shingle) {
        long hash = 0xcbf29ce484222325L; // FNV-1a, then mixed
        for (int i = 0; i < shingle.length(); i++) {
            hash ^= shingle.charAt(i);
            hash *= 0x100000001b3L;
        }
        return mix(hash);
    }

    /** SplitMix64's finaliser: a fast, well-spread 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
