package org.kam.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers here; asked once per JVM. */
final class Docker {

    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean available() {
        if (available == null) {
            // Without a socket or DOCKER_HOST, skip Testcontainers' slower probing entirely.
            boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                    || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
            available = hint && !"false".equals(System.getenv("KAM_TEST_USE_DOCKER")) && probe();
        }
        return available;
    }

    private static boolean probe() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
