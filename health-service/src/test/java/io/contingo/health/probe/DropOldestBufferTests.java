package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class DropOldestBufferTests {

    @Test
    void handsOutTheOldestFirstInBatchesOfAtMostTheAskedSize() {
        DropOldestBuffer<Integer> buffer = filled(10, 1, 2, 3, 4, 5);

        DropOldestBuffer.Batch<Integer> first = buffer.next(3);
        assertThat(first.items()).containsExactly(1, 2, 3);
        buffer.delivered(first);
        assertThat(buffer.next(3).items()).containsExactly(4, 5);
    }

    @Test
    void dropsTheOldestWhenFullAndCountsIt() {
        DropOldestBuffer<Integer> buffer = filled(3, 1, 2, 3, 4, 5);

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(buffer.next(10).items()).containsExactly(3, 4, 5);
    }

    @Test
    void aBatchStaysUntilDeliveredAndComesAgainAfterAFailure() {
        DropOldestBuffer<Integer> buffer = filled(10, 1, 2);

        DropOldestBuffer.Batch<Integer> batch = buffer.next(10);
        buffer.add(3); // while the batch is on its way
        buffer.failed(batch);
        assertThat(buffer.size()).isEqualTo(3);
        batch = buffer.next(10);
        assertThat(batch.items()).containsExactly(1, 2, 3);
        buffer.add(4);
        buffer.delivered(batch);
        assertThat(buffer.next(10).items()).as("what came meanwhile stays").containsExactly(4);
        assertThat(buffer.dropped()).isZero();
    }

    @Test
    void anItemDroppedOnItsWayCountsOnlyWhenItsBatchFails() {
        DropOldestBuffer<String> failing = filled(2, "a", "b");
        DropOldestBuffer.Batch<String> lost = failing.next(2);
        failing.add("c");
        failing.add("d");
        assertThat(failing.dropped()).as("a and b may still get through").isZero();
        failing.failed(lost);
        assertThat(failing.dropped()).isEqualTo(2);
        assertThat(failing.next(2).items()).containsExactly("c", "d");

        DropOldestBuffer<String> succeeding = filled(2, "a", "b");
        DropOldestBuffer.Batch<String> sent = succeeding.next(2);
        succeeding.add("c");
        succeeding.delivered(sent);
        assertThat(succeeding.dropped()).as("a got through after all").isZero();
        assertThat(succeeding.next(2).items()).as("b got through too").containsExactly("c");
    }

    @Test
    void neverHoldsMoreThanItsCapacityWhileManyAddAndOneTakes() throws Exception {
        int capacity = 100;
        int writers = 4;
        int each = 20_000;
        DropOldestBuffer<Integer> buffer = new DropOldestBuffer<>(capacity);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Integer> delivered = new ArrayList<>();
        int largest = 0;
        try (ExecutorService threads = Executors.newFixedThreadPool(writers)) {
            List<CompletableFuture<Void>> adds = IntStream.range(0, writers)
                    .mapToObj(w -> CompletableFuture.runAsync(() -> IntStream.range(0, each).forEach(i -> buffer.add(w * each + i)), threads))
                    .toList();
            CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> writing.set(false));
            while (writing.get() || buffer.size() > 0) {
                largest = Math.max(largest, buffer.size());
                DropOldestBuffer.Batch<Integer> batch = buffer.next(7, Duration.ofMillis(10));
                delivered.addAll(batch.items());
                buffer.delivered(batch);
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(largest).isLessThanOrEqualTo(capacity);
        assertThat(delivered.size() + buffer.dropped()).as("each item delivered or counted as dropped").isEqualTo(writers * each);
        assertThat(delivered).doesNotHaveDuplicates();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            assertThat(delivered.stream().filter(i -> i / each == writer).toList()).as("each writer's items in order").isSorted();
        }
    }

    @Test
    void waitsForAnItemOnlyAsLongAsItIsTold() throws Exception {
        DropOldestBuffer<String> buffer = new DropOldestBuffer<>(5);

        assertThat(buffer.next(5, Duration.ofMillis(20)).isEmpty()).isTrue();
        CompletableFuture<DropOldestBuffer.Batch<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.next(5, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        buffer.add("a");
        assertThat(waiting.get(10, TimeUnit.SECONDS).items()).containsExactly("a");
    }

    @Test
    void holdsAtLeastOneItem() {
        assertThatThrownBy(() -> new DropOldestBuffer<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @SafeVarargs
    private static <T> DropOldestBuffer<T> filled(int capacity, T... items) {
        DropOldestBuffer<T> buffer = new DropOldestBuffer<>(capacity);
        for (T item : items) {
            buffer.add(item);
        }
        return buffer;
    }
}
