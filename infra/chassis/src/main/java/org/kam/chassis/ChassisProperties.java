package org.kam.chassis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/** Settings shared by every KAM service, under {@code kam.*}. */
@ConfigurationProperties("kam")
public record ChassisProperties(Outbox outbox, Consumer consumer, Inbox inbox, Http http, Security security) {

    public ChassisProperties {
        outbox = outbox == null ? new Outbox(0, null, null, 0, null) : outbox;
        consumer = consumer == null ? new Consumer(null, null, 0, null) : consumer;
        inbox = inbox == null ? new Inbox(null, null) : inbox;
        http = http == null ? new Http(null) : http;
        security = security == null ? new Security(null) : security;
    }

    /**
     * @param batchSize    events sent to Kafka per batch and transaction
     * @param pollInterval how often the relay looks for events when no commit woke it
     * @param sendTimeout  how long a batch may wait for Kafka's acknowledgements; the producer's
     *                     {@code delivery.timeout.ms} and {@code max.block.ms} are set to it
     * @param maxAttempts  times Kafka may refuse one row for a reason of its own before it is parked
     * @param maxBackOff   the longest wait between tries while Kafka is unreachable
     */
    public record Outbox(int batchSize, Duration pollInterval, Duration sendTimeout, int maxAttempts,
            Duration maxBackOff) {
        public Outbox {
            batchSize = batchSize <= 0 ? 2000 : batchSize;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
            maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
            maxBackOff = maxBackOff == null ? Duration.ofSeconds(10) : maxBackOff;
        }
    }

    /**
     * @param initialBackOff the first wait before a failed record is tried again, doubled each time
     * @param maxBackOff     the longest wait between tries while a dependency is down
     * @param maxAttempts    tries of a record failing for an unexpected reason before it is
     *                       dead-lettered (an outage is waited out however long it lasts)
     * @param transactionTime how long one consumer transaction goes on applying a polled batch before
     *                        it commits and the rest goes on in the next (docs/adr/0013)
     */
    public record Consumer(Duration initialBackOff, Duration maxBackOff, int maxAttempts, Duration transactionTime) {
        public Consumer {
            transactionTime = transactionTime == null ? Duration.ofSeconds(5) : transactionTime;
            initialBackOff = initialBackOff == null ? Duration.ofMillis(500) : initialBackOff;
            maxBackOff = maxBackOff == null ? Duration.ofSeconds(30) : maxBackOff;
            maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        }
    }

    /**
     * @param retention     how long an applied event id is remembered; must exceed how long an
     *                      event can come back (the input topics' retention, 7 days by default)
     * @param purgeInterval how often older ids are deleted
     */
    public record Inbox(Duration retention, Duration purgeInterval) {
        public Inbox {
            retention = retention == null ? Duration.ofDays(30) : retention;
            purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        }
    }

    /** @param maxRequestBody the largest request body the API reads (uploads have their own limit) */
    public record Http(DataSize maxRequestBody) {
        public Http {
            maxRequestBody = maxRequestBody == null ? DataSize.ofKilobytes(256) : maxRequestBody;
        }
    }

    public record Security(Jwt jwt) {
        public Security {
            jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
        }
    }

    /**
     * Where bearer tokens come from: an OpenID issuer ({@code issuerUri}), or a PEM public key
     * ({@code publicKeyLocation}) whose tokens must carry {@code issuer} as their {@code iss}.
     * When {@code audience} is set, a token's {@code aud} must contain it.
     */
    public record Jwt(String issuerUri, Resource publicKeyLocation, String issuer, String audience) {
    }
}
