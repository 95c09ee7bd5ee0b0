package io.contingo.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.contingo.devstack.KafkaBroker;

/** End offsets of topics and committed offsets of consumer groups, read with the admin client. */
final class KafkaOffsets implements AutoCloseable {

    private final Admin admin;

    KafkaOffsets(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Offsets the group has committed on {@code topic}, per partition (absent: nothing committed yet). */
    Map<TopicPartition, Long> committed(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> offsets = await(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (tp.topic().equals(topic) && om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    long committedTotal(String group, String topic) {
        return committed(group, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The number of records ever written to {@code topic} (all partitions; topics here are never compacted). */
    long endTotal(String topic) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < KafkaBroker.PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return await(admin.listOffsets(latest).all()).values().stream().mapToLong(r -> r.offset()).sum();
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not answer an offsets request: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
