package org.kam.chassis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/** Settings shared by every KAM service, under {@code kam.*}. */
@ConfigurationProperties("kam")
public record ChassisProperties(Outbox outbox, Security security) {

    public ChassisProperties {
        outbox = outbox == null ? new Outbox(0, null, null) : outbox;
        security = security == null ? new Security(null) : security;
    }

    /**
     * @param batchSize    events sent to Kafka per batch and transaction
     * @param pollInterval how often the relay looks for events when no commit woke it
     * @param sendTimeout  how long a batch may wait for Kafka's acknowledgements
     */
    public record Outbox(int batchSize, Duration pollInterval, Duration sendTimeout) {
        public Outbox {
            batchSize = batchSize <= 0 ? 2000 : batchSize;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
        }
    }

    public record Security(Jwt jwt) {
        public Security {
            jwt = jwt == null ? new Jwt(null, null, null) : jwt;
        }
    }

    /**
     * Where bearer tokens come from: an OpenID issuer ({@code issuerUri}), or a PEM public key
     * ({@code publicKeyLocation}) whose tokens must carry {@code issuer} as their {@code iss}.
     */
    public record Jwt(String issuerUri, Resource publicKeyLocation, String issuer) {
    }
}
