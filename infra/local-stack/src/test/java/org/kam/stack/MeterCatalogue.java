package org.kam.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The table of docs/operations/metrics.md, read as the tests need it. */
record MeterCatalogue(List<Meter> meters) {

    record Meter(String micrometer, String series, String service, String type, boolean presentFromStart) {
    }

    static MeterCatalogue read(Path repo) throws IOException {
        List<Meter> meters = new ArrayList<>();
        for (String line : Files.readAllLines(repo.resolve("docs/operations/metrics.md"))) {
            if (!line.startsWith("| `kam.")) {
                continue;
            }
            String[] cells = line.split("\\|");
            meters.add(new Meter(code(cells[1]), code(cells[2]), cells[3].trim(), cells[4].trim(),
                    cells[6].trim().equals("start")));
        }
        return new MeterCatalogue(List.copyOf(meters));
    }

    Set<String> micrometerNames() {
        return meters.stream().map(Meter::micrometer).collect(Collectors.toCollection(TreeSet::new));
    }

    /** What Prometheus lists in its metric names for a series: a timer or a summary is its _count, _sum and _max. */
    static Set<String> scrapedNames(Meter meter) {
        if (meter.type().equals("timer") || meter.type().equals("summary")) {
            return Set.of(meter.series() + "_count", meter.series() + "_sum", meter.series() + "_max");
        }
        return Set.of(meter.series());
    }

    private static String code(String cell) {
        return cell.trim().replace("`", "");
    }
}
