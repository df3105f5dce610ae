package org.kam.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running service's HTTP API as a client would, with a bearer token for the given roles. */
public final class TestApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public TestApi(int port) {
        this("http://127.0.0.1:" + port);
    }

    public TestApi(String base) {
        this.base = base;
    }

    public Response get(String path, String... roles) {
        return send(request(path, roles).GET());
    }

    public Response post(String path, String json, String... roles) {
        return send(request(path, roles).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Posts a body of another media type, e.g. a CSV file as text/csv. */
    public Response upload(String path, String contentType, String body, String... roles) {
        return send(request(path, roles).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Streams a file as the request body, e.g. a large CSV upload. */
    public Response uploadFile(String path, String contentType, java.nio.file.Path file, String... roles) {
        try {
            return send(request(path, roles).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Response put(String path, String json, String... roles) {
        return send(request(path, roles).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path, String... roles) {
        return send(request(path, roles).DELETE());
    }

    private HttpRequest.Builder request(String path, String... roles) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (roles.length > 0) {
            request.header("Authorization", TestTokens.bearer(roles));
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, String contentType, Map<String, List<String>> headers) {

        public Response(int status, String body, String contentType) {
            this(status, body, contentType, Map.of());
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The first value of a response header, ignoring case; null when absent. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
