package org.kam.devsignin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

/** The development sign-in spoken to as an OAuth2 client does: discovery, the choice page, the code, the tokens. */
class DevSignInTest {

    private static final String REDIRECT = "http://127.0.0.1:9999/login/oauth2/code/kam";
    private static final String VERIFIER = "a-verifier-of-enough-length-0123456789-abcdefghij";

    private static DevSignIn signIn;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        signIn = DevSignIn.start(0,
                List.of(new DevSignIn.Person("ines", "Ines Lopes", List.of("KAM_LEAD"), "key account lead"),
                        new DevSignIn.Person("paul", "Paul <Planner>", List.of("SUPPLY"), "production planner")),
                new DevSignIn.Client("kam-dashboard", "s3cret", List.of(REDIRECT)),
                (RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    }

    @AfterAll
    static void stop() {
        signIn.close();
    }

    @Test
    void discoveryNamesTheIssuerAndItsEndpoints() throws Exception {
        Map<String, Object> configuration = JSONObjectUtils.parse(get("/.well-known/openid-configuration").body());

        assertThat(configuration).containsEntry("issuer", signIn.issuer().toString())
                .containsEntry("authorization_endpoint", signIn.issuer() + "/authorize")
                .containsEntry("token_endpoint", signIn.issuer() + "/token")
                .containsEntry("jwks_uri", signIn.issuer() + "/jwks");
    }

    @Test
    void thePageListsEveryPersonEscapedAndSaysItIsNotForProduction() throws Exception {
        HttpResponse<String> page = get(authorizePath(REDIRECT));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Ines Lopes", "Paul &lt;Planner&gt;", "roles KAM_LEAD", "id=\"as-paul\"",
                "For the local stack and tests only").doesNotContain("<Planner>");
    }

    @Test
    void choosingAPersonGivesACodeThatBuysOneSignedIdTokenWithTheirRoles() throws Exception {
        String code = choose("ines");

        HttpResponse<String> tokens = exchange(code, VERIFIER, "s3cret");

        assertThat(tokens.statusCode()).isEqualTo(200);
        SignedJWT idToken = SignedJWT.parse((String) JSONObjectUtils.parse(tokens.body()).get("id_token"));
        RSAKey key = (RSAKey) JWKSet.parse(get("/jwks").body()).getKeys().get(0);
        assertThat(idToken.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
        assertThat(idToken.getJWTClaimsSet().getIssuer()).isEqualTo(signIn.issuer().toString());
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly("kam-dashboard");
        assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo("ines");
        assertThat(idToken.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("KAM_LEAD");
        assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");

        assertThat(exchange(code, VERIFIER, "s3cret").body()).contains("invalid_grant"); // used once only
    }

    @Test
    void aWrongVerifierOrSecretGetsNoTokens() throws Exception {
        assertThat(exchange(choose("paul"), "another-verifier-of-enough-length-0123456789", "s3cret").body())
                .contains("code_verifier does not match");
        assertThat(exchange(choose("paul"), VERIFIER, "guess").statusCode()).isEqualTo(401);
    }

    @Test
    void anUnregisteredRedirectIsRefusedWithoutRedirecting() throws Exception {
        HttpResponse<String> refused = get(authorizePath("http://evil.example/steal"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.body()).contains("is not one of");
    }

    private String choose(String person) throws Exception {
        String form = "client_id=kam-dashboard&response_type=code&scope=openid%20profile&state=st-1&nonce=n-1"
                + "&code_challenge=" + DevSignIn.s256(VERIFIER) + "&code_challenge_method=S256"
                + "&redirect_uri=" + DevSignIn.encode(REDIRECT) + "&person=" + person;
        HttpResponse<String> back = http.send(HttpRequest.newBuilder(signIn.issuer().resolve("/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).isEqualTo(302);
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=st-1");
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    private HttpResponse<String> exchange(String code, String verifier, String secret) throws Exception {
        String form = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + DevSignIn.encode(entry.getValue())).collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString(("kam-dashboard:" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(signIn.issuer().resolve("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String authorizePath(String redirect) {
        return "/authorize?client_id=kam-dashboard&response_type=code&scope=openid&state=s&redirect_uri="
                + DevSignIn.encode(redirect);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(signIn.issuer() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
