package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Every meter the services' code registers is in docs/operations/metrics.md, and nothing else is. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MeterCatalogueTest {

    private static final Pattern REGISTERED = Pattern.compile(
            "(?:(?:Counter|Gauge|Timer|DistributionSummary|LongTaskTimer)\\.builder|\\.(?:counter|gauge|timer|summary))"
                    + "\\(\\s*\"(kam\\.[^\"]+)\"");

    private final Path repo = RepoRoot.find();

    @Test
    void the_catalogue_lists_exactly_the_meters_the_services_register() throws IOException {
        assertThat(MeterCatalogue.read(repo).micrometerNames()).isEqualTo(registeredInCode());
    }

    @Test
    void each_listed_series_is_the_name_prometheus_gives_its_meter() throws IOException {
        for (MeterCatalogue.Meter meter : MeterCatalogue.read(repo).meters()) {
            String base = meter.micrometer().replaceAll("[.-]", "_");
            String expected = switch (meter.type()) {
                case "counter" -> base + "_total";
                case "timer" -> base + "_seconds";
                default -> base;
            };
            assertThat(meter.series()).as(meter.micrometer()).isEqualTo(expected).doesNotContain("_created");
        }
    }

    private Set<String> registeredInCode() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                    && !f.toString().contains("/target/")).toList()) {
                Matcher m = REGISTERED.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
