package org.kam.stack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the repository's root folder, the one holding the services' modules and infra/. */
final class RepoRoot {

    private RepoRoot() {
    }

    /** The root above the current directory, else the one above the launcher's own jar or classes. */
    static Path find() {
        return above(Path.of("").toAbsolutePath())
                .or(() -> launcherLocation().flatMap(RepoRoot::above))
                .orElseThrow(() -> new StackException(
                        "Cannot find the KAM repository (a folder with infra/kafka-broker in it). "
                                + "Run from the repository root, e.g. through ./kam."));
    }

    static Optional<Path> above(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra").resolve("kafka-broker"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> launcherLocation() {
        try {
            return Optional.of(Path.of(RepoRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
