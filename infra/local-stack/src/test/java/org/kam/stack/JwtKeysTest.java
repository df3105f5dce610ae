package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwtKeysTest {

    @TempDir
    Path data;

    @Test
    void a_token_is_signed_with_rs256_and_verifies_with_the_public_pem_as_the_services_read_it() throws Exception {
        JwtKeys keys = JwtKeys.loadOrCreate(data.resolve("jwt"));

        SignedJWT token = SignedJWT.parse(keys.token(List.of("ANALYST", "KAM")));

        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(token.verify(new RSASSAVerifier(publicKeyAsTheChassisReadsIt(data.resolve("jwt/public.pem")))))
                .isTrue();
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("kam-local");
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("local-user");
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("ANALYST", "KAM");
        Duration lifetime = Duration.between(token.getJWTClaimsSet().getIssueTime().toInstant(),
                token.getJWTClaimsSet().getExpirationTime().toInstant());
        assertThat(lifetime).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void the_key_pair_is_made_once_so_tokens_stay_valid_across_restarts() throws Exception {
        JwtKeys first = JwtKeys.loadOrCreate(data.resolve("jwt"));
        String privateKey = Files.readString(data.resolve("jwt/private.pem"));

        JwtKeys second = JwtKeys.loadOrCreate(data.resolve("jwt"));

        assertThat(Files.readString(data.resolve("jwt/private.pem"))).isEqualTo(privateKey).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(data.resolve("jwt/public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(SignedJWT.parse(first.token(List.of("ADMIN"))).verify(new RSASSAVerifier(second.publicKey()))).isTrue();
    }

    /** The same steps as the chassis' ApiSecurity: strip the PEM armour, decode X.509. */
    private static RSAPublicKey publicKeyAsTheChassisReadsIt(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
