package org.kam.chassis.outbox;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Asks the broker which topics exist, so the relay can tell "no such topic" from "no broker". */
public final class KafkaTopicProbe implements OutboxRelay.TopicProbe {

    private final Admin admin;

    public KafkaTopicProbe(Admin admin) {
        this.admin = admin;
    }

    @Override
    public Set<String> missing(Set<String> topics) throws Exception {
        // The cluster must answer first: a broker that cannot be reached says nothing about topics.
        admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(topics).topicNameValues();
        Set<String> missing = new HashSet<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : descriptions.entrySet()) {
            try {
                entry.getValue().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    missing.add(entry.getKey());
                } else {
                    throw e;
                }
            }
        }
        return missing;
    }
}
