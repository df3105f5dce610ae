package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service runs from an extraction of its built jar, kept while the jar is the same, with its class-data-sharing archive. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceJarIT {

    @TempDir
    Path data;

    @Test
    void the_jar_is_extracted_once_and_again_only_after_a_build_which_also_drops_the_stale_archive() throws IOException {
        // given a copy of the built account-service jar, as a build leaves it
        Path built = Files.copy(Service.ACCOUNT.jar(RepoRoot.find()), data.resolve("account-service-0.1.0-SNAPSHOT.jar"));
        Path run = data.resolve("run");

        // when the stack prepares it: the application jar and its libraries side by side
        ServiceJar first = ServiceJar.prepare(built, run);
        assertThat(first.jar).isRegularFile().hasFileName("account-service-0.1.0-SNAPSHOT.jar");
        assertThat(first.jar.getParent().resolve("lib")).isDirectory();
        // and, without an archive yet, the service writes one as it stops
        Path archive = first.jar.getParent().resolve("classes.jsa");
        assertThat(first.classDataSharing(null)).contains("-XX:ArchiveClassesAtExit=" + archive);

        // when the service wrote its archive and the stack starts again from the same jar
        Files.write(archive, new byte[] { 1, 2, 3 });
        ServiceJar second = ServiceJar.prepare(built, run);

        // then nothing is extracted again, and the archive is mapped
        assertThat(archive).exists();
        assertThat(second.classDataSharing(null)).contains("-XX:SharedArchiveFile=" + archive);

        // when the module is built again
        Files.setLastModifiedTime(built, FileTime.fromMillis(Files.getLastModifiedTime(built).toMillis() + 60_000));
        ServiceJar rebuilt = ServiceJar.prepare(built, run);

        // then it is extracted again, and the old archive (another class path) is gone
        assertThat(rebuilt.jar).isRegularFile();
        assertThat(archive).doesNotExist();
        assertThat(rebuilt.classDataSharing(null)).contains("-XX:ArchiveClassesAtExit=" + archive);
    }

    @Test
    void kam_service_cds_off_starts_the_service_without_an_archive() {
        Path built = Service.ACCOUNT.jar(RepoRoot.find());

        assertThat(ServiceJar.prepare(built, data.resolve("run")).classDataSharing(" OFF ")).isEmpty();
    }
}
