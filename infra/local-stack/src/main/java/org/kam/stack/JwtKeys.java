package org.kam.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The local stack's token issuer: an RSA key pair kept as PEM files in the data folder. The services
 * trust the public key; {@code kam token ROLE} signs tokens with the private one.
 */
final class JwtKeys {

    static final String ISSUER = "kam-local";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final Path publicKeyFile;
    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private JwtKeys(Path publicKeyFile, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.publicKeyFile = publicKeyFile;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key pair in {@code directory}, made on first use; tokens signed earlier stay valid across restarts. */
    static synchronized JwtKeys loadOrCreate(Path directory) {
        Path privateFile = directory.resolve("private.pem");
        Path publicFile = directory.resolve("public.pem");
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                create(privateFile, publicFile);
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(readPem(privateFile, "PRIVATE KEY")));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(readPem(publicFile, "PUBLIC KEY")));
            return new JwtKeys(publicFile, privateKey, publicKey);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new StackException("Cannot read the token keys in " + directory + " (" + e.getMessage()
                    + "). Delete that folder to make new ones.", e);
        }
    }

    private static void create(Path privateFile, Path publicFile) throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(privateFile.getParent());
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the data folder's own permissions protect the key.
        }
        // Written last: a run that died in between leaves no public key, so the pair is made again whole.
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        String body = Files.readString(file, StandardCharsets.US_ASCII)
                .replace("-----BEGIN " + type + "-----", "")
                .replace("-----END " + type + "-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    Path publicKeyFile() {
        return publicKeyFile;
    }

    RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The private key, for the development sign-in's ID tokens (the same issuer key pair, another issuer name). */
    RSAPrivateKey privateKey() {
        return privateKey;
    }

    /** A signed RS256 token for {@code local-user} holding {@code roles}, valid for 12 hours. */
    String token(List<String> roles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("kam") // the services' default KAM_JWT_AUDIENCE
                .subject("local-user")
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
