package org.kam.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Starting, recognising and stopping the child processes (Kafka, services) of the stack. */
final class Processes {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Processes() {
    }

    /**
     * {@code java args...}, with the launcher's own JVM. Run in a session of its own where the
     * system has {@code setsid}: Ctrl-C in the terminal then reaches only the launcher, which stops
     * services before Kafka and PostgreSQL, instead of everything dying at once and the services
     * logging connection errors on their way down.
     */
    static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return command;
    }

    /** Starts {@code command} with its output appended to {@code log}, behind a line saying when. */
    static Process start(List<String> command, Path workingDirectory, Map<String, String> environment,
            Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "%n===== %s starting: %s%n".formatted(Instant.now(), String.join(" ", command)),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new StackException("Cannot start " + command.get(command.size() - 1) + ": " + e.getMessage(), e);
        }
    }

    /** Appends a line of the stack's own to a process's log (a restart, and why). */
    static void note(Path log, String line) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "%n===== %s %s%n".formatted(Instant.now(), line), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The log is for people; the restart goes ahead without the note.
        }
    }

    /** Asks the process to shut down cleanly (SIGTERM) and kills it if it takes longer than {@code grace}. */
    static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void writePid(Path pidFile, long pid) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deletePid(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // A leftover pid file is harmless: the next start checks whether that process lives.
        }
    }

    /**
     * The pid in the first line of {@code pidFile}, if that process still runs and its command line
     * mentions {@code marker} (pids are reused, so a bare number proves nothing).
     */
    static OptionalLong livingPid(Path pidFile, String marker) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return OptionalLong.empty();
            }
            String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            long pid = Long.parseLong(firstLine);
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (handle.isEmpty()) {
                return OptionalLong.empty();
            }
            ProcessHandle.Info info = handle.get().info();
            String commandLine = info.commandLine().or(info::command).orElse(marker);
            return commandLine.contains(marker) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The last {@code lines} lines of a log file, to show why something failed without opening it. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log written)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The launcher polls: a child process gives no signal when its port or health endpoint comes up. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting", e);
        }
    }
}
