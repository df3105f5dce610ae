package org.kam.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's Spring Boot jar as the stack runs it: extracted into the data directory (Spring
 * Boot's {@code tools} jar mode: the application jar and its libraries side by side) and started
 * from there with a class-data-sharing archive of the classes it loads (the JDK's dynamic CDS).
 *
 * <p>Why: four Spring Boot JVMs starting at once beside Kafka and PostgreSQL on two cores were
 * ready after 26–31 s, most of it finding, reading and verifying some 20,000 classes in nested
 * jars; issue 12 asks for the stack healthy within 30 s. A JVM maps an archive of those classes
 * instead, which only works from plain jars on a class path that does not change — hence the
 * extraction, kept while the built jar is the same (size and modification time), and renewed with
 * its archive when it changes. The first start after a build writes the archive when the service
 * stops ({@code -XX:ArchiveClassesAtExit}); later starts map it. A missing, stale or damaged archive
 * only costs the speed: the JVM then loads its classes as usual. Running from the extraction also
 * keeps a running stack independent of a rebuild of the module, as the copy of the jar did.
 */
final class ServiceJar {

    /** The application jar to run ({@code java -jar}), its libraries beside it. */
    final Path jar;
    private final Path archive;

    private ServiceJar(Path jar, Path archive) {
        this.jar = jar;
        this.archive = archive;
    }

    /**
     * The extraction of {@code bootJar} under {@code runDirectory}, made now unless the one there
     * is of the same jar.
     */
    static ServiceJar prepare(Path bootJar, Path runDirectory) {
        String name = bootJar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path directory = runDirectory.resolve(name);
        Path source = directory.resolve("source.txt");
        try {
            String built = Files.size(bootJar) + " " + Files.getLastModifiedTime(bootJar).toMillis() + " " + bootJar;
            if (!Files.isRegularFile(source) || !Files.readString(source).equals(built)) {
                deleteTree(directory);
                extract(bootJar, directory);
                Files.writeString(source, built);
            }
            return new ServiceJar(directory.resolve(bootJar.getFileName()), directory.resolve("classes.jsa"));
        } catch (IOException e) {
            throw new StackException("Cannot prepare " + bootJar + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JVM options that map the archive, or write it when the service stops; none with
     * {@code KAM_SERVICE_CDS=off}.
     */
    List<String> classDataSharing(String setting) {
        if ("off".equalsIgnoreCase(setting == null ? "" : setting.trim())) {
            return List.of();
        }
        try {
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
        } catch (IOException e) {
            // unreadable: written again below
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    private static void extract(Path bootJar, Path directory) throws IOException {
        Files.createDirectories(directory.getParent());
        Path log = directory.getParent().resolve(directory.getFileName() + "-extract.log");
        Process extraction = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", bootJar.toString(), "extract", "--destination", directory.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!extraction.waitFor(2, TimeUnit.MINUTES) || extraction.exitValue() != 0) {
                extraction.destroyForcibly();
                throw new StackException("Extracting " + bootJar + " failed; " + log + " ends with:"
                        + System.lineSeparator() + Processes.tail(log, 15));
            }
        } catch (InterruptedException e) {
            extraction.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while extracting " + bootJar, e);
        }
        Files.deleteIfExists(log);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
