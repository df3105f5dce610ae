package org.kam.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kam import customers|sales FILE}: uploads a CSV file to account-service (streamed, so a
 * million rows are fine), then follows the import, printing its progress and, if the file is
 * rejected, the rows at fault.
 */
final class ImportCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String accountService;
    private final String token;
    private final PrintStream out;

    ImportCommand(String accountService, String token, PrintStream out) {
        this.accountService = accountService;
        this.token = token;
        this.out = out;
    }

    /** 0 when imported, 1 when rejected or failed. */
    int run(String kind, Path file) throws IOException, InterruptedException {
        if (!List.of("customers", "sales").contains(kind)) {
            throw new StackException("kam import takes customers or sales, not " + kind);
        }
        if (!Files.isReadable(file)) {
            throw new StackException("Cannot read " + file);
        }
        out.printf("Uploading %s (%,d bytes) to %s...%n", file, Files.size(file), accountService);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(accountService + "/api/v1/imports/"
                        + kind + "?fileName=" + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new StackException("account-service answered " + started.statusCode() + ": " + started.body());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        JsonNode job = JSON.readTree(started.body());
        String last = "";
        while (!finished(job)) {
            Thread.sleep(1000); // a command-line progress display, polling once a second
            job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(accountService + location))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String line = progress(job);
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
        }
        out.println(job.path("status").asString() + ": " + job.path("message").asString(""));
        job.path("errors").forEach(error -> out.printf("  row %d, %s: %s%n", error.path("row").asLong(),
                error.path("field").asString(), error.path("message").asString()));
        if (job.path("errorCount").asLong() > job.path("errors").size()) {
            out.printf("  ... %,d errors in all%n", job.path("errorCount").asLong());
        }
        return "DONE".equals(job.path("status").asString()) ? 0 : 1;
    }

    private static boolean finished(JsonNode job) {
        return List.of("DONE", "REJECTED", "FAILED").contains(job.path("status").asString());
    }

    private static String progress(JsonNode job) {
        return switch (job.path("status").asString()) {
            case "VALIDATING" -> String.format("checking rows: %,d", job.path("checkedRows").asLong());
            case "IMPORTING" -> String.format("importing: %,d of %,d rows (%.0f %%)", job.path("importedRows").asLong(),
                    job.path("totalRows").asLong(), 100 * job.path("progress").asDouble());
            default -> job.path("status").asString();
        };
    }
}
