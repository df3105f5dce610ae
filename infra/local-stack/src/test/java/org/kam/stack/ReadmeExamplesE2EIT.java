package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every curl and kcat example of README.md, run as written — same ports, same commands, in the
 * README's order — against the stack {@code ./kam up --demo} starts, with the small demo
 * ({@code KAM_DEMO_SIZE=small}: the same story and the customers and SKUs the README names). Only one thing is added: curl
 * fails on an HTTP error ({@code --fail-with-body}), so an example answering 4xx or 5xx fails the test.
 * The README's addresses are the default ports, so this test needs 8081-8084 and 9092 free.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadmeExamplesE2EIT {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private final Path repo = RepoRoot.find();
    private final Path dataDir = Path.of("target", "readme-data").toAbsolutePath();
    private final Path transcript = Path.of("target", "readme-examples.log").toAbsolutePath();
    private Stack stack;

    @BeforeAll
    void start_the_demo_stack_on_the_readme_s_ports() throws IOException {
        Assumptions.assumeTrue(installed("kcat") && installed("jq") && installed("curl"),
                "the README's examples need curl, jq and kcat (apt-get install curl jq kcat); .ci/run installs them");
        DatabaseAndBrokerSurviveARestartIT.deleteRecursively(dataDir);
        FreePorts ports = new FreePorts();
        Stack.Builder builder = Stack.builder(repo).dataDir(dataDir).kafkaPort(9092).postgresPort(ports.next())
                .signInPort(ports.next());
        for (Service service : Service.values()) {
            builder.service(service, service.defaultPort);
        }
        stack = builder.build();
        stack.start();
        // The small demo: the same story, and the customers and SKUs the README names, applied in seconds
        // rather than minutes (the full one is for people; DemoDataTest checks both).
        LocalStack.loadDemoDataOnce(stack, System.out, DemoData.Size.SMALL);
        // The README's walk starts where a person would: once the loader says every service applied
        // the sales, and the first key account has its plan.
        HttpClient http = HttpClient.newHttpClient();
        String token = stack.token("KAM");
        await("the first key account's plan in relationship-service").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    String first = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(stack.url(Service.ACCOUNT)
                            + "/api/v1/accounts?tier=KEY&size=1")).header("Authorization", "Bearer " + token).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).path("items").path(0).path("id").asString();
                    return http.send(HttpRequest.newBuilder(URI.create(stack.url(Service.RELATIONSHIP)
                            + "/api/v1/accounts/" + first + "/plan")).header("Authorization", "Bearer " + token).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
        // and once the first anniversary alert is raised (key dates are checked every minute)
        await("an open key-date alert for kam-anna, her lead or his director").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> java.util.stream.Stream.of("kam-anna", "lead-ines", "dir-kam-rui").anyMatch(staff -> {
                    try {
                        return !JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(stack.url(Service.RELATIONSHIP)
                                + "/api/v1/alerts?staffId=" + staff)).header("Authorization", "Bearer " + token).build(),
                                HttpResponse.BodyHandlers.ofString()).body()).isEmpty();
                    } catch (IOException | InterruptedException e) {
                        return false;
                    }
                }));
    }

    @AfterAll
    void stop_the_stack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void every_curl_and_kcat_example_of_the_readme_runs_as_written_against_the_demo_data() throws Exception {
        List<String> examples = examples(Files.readString(repo.resolve("README.md")));
        assertThat(examples).as("README's bash blocks with curl or kcat").hasSizeGreaterThanOrEqualTo(4);
        Files.writeString(transcript, "");

        for (String example : examples) {
            String[] result = run(example);

            assertThat(result[0]).as("exit code of the README example%n%s%nwhich printed%n%s%n(all output: %s)",
                    example, result[1], transcript).isEqualTo("0");
        }
    }

    /** The README's fenced bash blocks that call curl or kcat, in order. */
    static List<String> examples(String readme) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : readme.split("\n", -1)) {
            if (block == null && line.equals("```bash")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                String text = block.toString();
                if (text.contains("curl ") || text.contains("kcat ")) {
                    blocks.add(text);
                }
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    private String[] run(String example) throws IOException, InterruptedException {
        String script = """
                set -euo pipefail
                curl() { command curl --fail-with-body --silent --show-error "$@"; echo; }
                set -x
                """ + example;
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).directory(repo.toFile()).redirectErrorStream(true);
        bash.environment().put("KAM_DATA_DIR", dataDir.toString());
        Process process = bash.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        Files.writeString(transcript, "===== example\n" + example + "----- output\n" + text + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        return new String[] { Integer.toString(process.exitValue()), tail(text, 40) };
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static boolean installed(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }
}
