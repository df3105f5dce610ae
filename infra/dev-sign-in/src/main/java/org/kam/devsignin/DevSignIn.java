package org.kam.devsignin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A development sign-in: an OpenID Connect provider that lets whoever opens it sign in as one of a
 * few demo people, so the dashboard's real OAuth2 login (authorization code flow, PKCE, signed ID
 * token) runs on the local stack and in browser tests without an identity provider. It asks for no
 * password — it is for a developer's own machine and tests, never for production, and it says so on
 * its page.
 * <p>
 * Endpoints: {@code /.well-known/openid-configuration}, {@code /authorize} (a page to choose a person;
 * the choice comes back as a code), {@code /token} (code for tokens; the client authenticates with its
 * secret, and a PKCE verifier must match its challenge), {@code /jwks}. Codes are single-use and live
 * one minute. The ID token carries {@code roles}: the person's KAM roles.
 */
public final class DevSignIn implements AutoCloseable {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

    private final HttpServer server;
    private final URI issuer;
    private final List<Person> people;
    private final Client client;
    private final RSAKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    private DevSignIn(HttpServer server, List<Person> people, Client client, RSAKey key, Clock clock) {
        this.server = server;
        this.issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.people = List.copyOf(people);
        this.client = client;
        this.key = key;
        this.clock = clock;
    }

    /**
     * Starts the provider on 127.0.0.1:{@code port} (0: any free port).
     *
     * @param people who may be chosen; their usernames become the tokens' subjects
     * @param client the one application allowed to ask for sign-ins, with its secret and redirect URIs
     */
    public static DevSignIn start(int port, List<Person> people, Client client, RSAPublicKey publicKey,
            RSAPrivateKey privateKey) throws IOException {
        RSAKey key;
        try {
            key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot use the signing key: " + e.getMessage(), e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        DevSignIn signIn = new DevSignIn(server, people, client, key, Clock.systemUTC());
        server.createContext("/.well-known/openid-configuration", exchange -> signIn.handle(exchange, signIn::discovery));
        server.createContext("/jwks", exchange -> signIn.handle(exchange, signIn::jwks));
        server.createContext("/authorize", exchange -> signIn.handle(exchange, signIn::authorize));
        server.createContext("/token", exchange -> signIn.handle(exchange, signIn::token));
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dev-sign-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return signIn;
    }

    /** The issuer URL, e.g. {@code http://127.0.0.1:8090}: what the application's issuer-uri is set to. */
    public URI issuer() {
        return issuer;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Handler {
        Response handle(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = handler.handle(exchange);
            } catch (Refusal refusal) {
                response = refusal.response;
            } catch (RuntimeException e) {
                response = Response.page(500, "The development sign-in failed: " + e);
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Response discovery(HttpExchange exchange) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("issuer", issuer.toString());
        configuration.put("authorization_endpoint", issuer + "/authorize");
        configuration.put("token_endpoint", issuer + "/token");
        configuration.put("jwks_uri", issuer + "/jwks");
        configuration.put("response_types_supported", List.of("code"));
        configuration.put("grant_types_supported", List.of("authorization_code"));
        configuration.put("subject_types_supported", List.of("public"));
        configuration.put("id_token_signing_alg_values_supported", List.of("RS256"));
        configuration.put("scopes_supported", List.of("openid", "profile"));
        configuration.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        configuration.put("code_challenge_methods_supported", List.of("S256"));
        configuration.put("claims_supported", List.of("sub", "name", "preferred_username", "roles"));
        return Response.json(200, configuration);
    }

    private Response jwks(HttpExchange exchange) {
        return new Response(200, "application/json", new JWKSet(key.toPublicJWK()).toString(), Map.of());
    }

    /** GET: the page to choose a person. POST (the page's form): the chosen person, back to the application with a code. */
    private Response authorize(HttpExchange exchange) throws IOException {
        boolean chosen = exchange.getRequestMethod().equals("POST");
        Map<String, String> parameters = chosen ? form(exchange) : query(exchange.getRequestURI());
        AuthorizationRequest request = AuthorizationRequest.read(parameters, client);
        if (!chosen) {
            return new Response(200, "text/html; charset=utf-8", SignInPage.render(request, people), Map.of());
        }
        Person person = people.stream().filter(candidate -> candidate.username().equals(parameters.get("person")))
                .findFirst().orElseThrow(() -> new Refusal(Response.page(400, "Choose one of the people listed.")));
        String code = randomToken();
        codes.put(code, new Grant(person, request, clock.instant().plus(CODE_LIFETIME)));
        String back = request.redirectUri() + (request.redirectUri().contains("?") ? "&" : "?") + "code=" + code
                + (request.state() == null ? "" : "&state=" + encode(request.state()));
        return new Response(302, "text/plain", "", Map.of("Location", back));
    }

    private Response token(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            return Response.error(405, "invalid_request", "POST the token request");
        }
        Map<String, String> parameters = form(exchange);
        authenticateClient(exchange, parameters);
        if (!"authorization_code".equals(parameters.get("grant_type"))) {
            return Response.error(400, "unsupported_grant_type", "only authorization_code");
        }
        Grant grant = Optional.ofNullable(parameters.get("code")).map(codes::remove).orElse(null);
        if (grant == null || grant.expires().isBefore(clock.instant())) {
            return Response.error(400, "invalid_grant", "unknown, used or expired code");
        }
        if (!grant.request().redirectUri().equals(parameters.get("redirect_uri"))) {
            return Response.error(400, "invalid_grant", "redirect_uri differs from the authorization request's");
        }
        if (grant.request().codeChallenge() != null
                && !grant.request().codeChallenge().equals(s256(parameters.getOrDefault("code_verifier", "")))) {
            return Response.error(400, "invalid_grant", "code_verifier does not match the code_challenge");
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("access_token", randomToken());
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", TOKEN_LIFETIME.toSeconds());
        tokens.put("scope", grant.request().scope());
        tokens.put("id_token", idToken(grant));
        return Response.json(200, tokens);
    }

    private void authenticateClient(HttpExchange exchange, Map<String, String> parameters) {
        String id = parameters.get("client_id");
        String secret = parameters.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8)
                    .split(":", 2);
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        if (!client.id().equals(id) || !client.secret().equals(secret)) {
            throw new Refusal(Response.error(401, "invalid_client", "unknown client or wrong secret"));
        }
    }

    private String idToken(Grant grant) {
        Instant now = clock.instant();
        Person person = grant.person();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject(person.username())
                .audience(client.id())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .claim("auth_time", now.getEpochSecond())
                .claim("name", person.name())
                .claim("preferred_username", person.username())
                .claim("roles", person.roles());
        if (grant.request().nonce() != null) {
            claims.claim("nonce", grant.request().nonce());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an ID token", e);
        }
        return jwt.serialize();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(16 * 1024);
            return parameters(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(URI uri) {
        return parameters(uri.getRawQuery());
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Someone who can be signed in.
     *
     * @param username the subject and {@code preferred_username} of their tokens
     * @param roles    their KAM roles (the tokens' {@code roles} claim)
     * @param what     a few words on who they are, shown on the sign-in page
     */
    public record Person(String username, String name, List<String> roles, String what) {
        public Person {
            roles = List.copyOf(roles);
        }
    }

    /** The application that may ask for sign-ins; a redirect URI must be one of {@code redirectUris} exactly. */
    public record Client(String id, String secret, List<String> redirectUris) {
        public Client {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    private record Grant(Person person, AuthorizationRequest request, Instant expires) {
    }

    record Response(int status, String contentType, String body, Map<String, String> headers) {

        static Response json(int status, Map<String, ?> body) {
            return new Response(status, "application/json", JSONObjectUtils.toJSONString(body), Map.of());
        }

        static Response error(int status, String error, String description) {
            return json(status, Map.of("error", error, "error_description", description));
        }

        static Response page(int status, String message) {
            return new Response(status, "text/html; charset=utf-8", SignInPage.message(message), Map.of());
        }
    }

    /** A request refused: answered with its response, not an exception page. */
    static final class Refusal extends RuntimeException {
        final transient Response response;

        Refusal(Response response) {
            super(response.body(), null, false, false);
            this.response = response;
        }
    }
}
