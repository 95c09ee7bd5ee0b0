package io.contingo.health.probe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A first-in first-out queue of at most {@code capacity} items between many writers that must never wait and
 * one reader that hands batches to something that can fail (Kafka, the database). Adding to a full buffer
 * drops the oldest item and counts it. A batch stays in the buffer until the reader says it was
 * {@link #delivered delivered}; after a {@link #failed failure} the same items come again, oldest first.
 *
 * <p>An item dropped while its batch is on its way counts as dropped only if that batch then fails: if it
 * succeeds, the item got through after all.
 *
 * @param <T> what is buffered
 */
final class DropOldestBuffer<T> {

    /** Items handed to the reader, oldest first, and the position of the last one (for {@link #delivered}). */
    record Batch<T>(List<T> items, long last) {

        boolean isEmpty() {
            return items.isEmpty();
        }
    }

    private record Entry<T>(long position, T item) {
    }

    private final int capacity;
    private final ArrayDeque<Entry<T>> entries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private long nextPosition;
    private long onTheWayUpTo = -1;
    private long droppedOnTheWay;
    private long dropped;

    DropOldestBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A buffer holds at least one item, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Adds at the end; when full, first drops the oldest item. Never blocks for longer than a lock. */
    void add(T item) {
        lock.lock();
        try {
            if (entries.size() == capacity) {
                Entry<T> oldest = entries.removeFirst();
                if (oldest.position() <= onTheWayUpTo) {
                    droppedOnTheWay++;
                } else {
                    dropped++;
                }
            }
            entries.addLast(new Entry<>(nextPosition++, item));
            added.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest items, at most {@code max}, leaving them in the buffer; waits up to {@code patience} for one
     * when the buffer is empty, and answers an empty batch if none came. One batch at a time: settle it with
     * {@link #delivered} or {@link #failed} before asking for the next.
     */
    Batch<T> next(int max, Duration patience) throws InterruptedException {
        lock.lock();
        try {
            long nanos = patience.toNanos();
            while (entries.isEmpty() && nanos > 0) {
                nanos = added.awaitNanos(nanos);
            }
            return oldest(max);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest items, at most {@code max}, without waiting: an empty batch when there are none. */
    Batch<T> next(int max) {
        lock.lock();
        try {
            return oldest(max);
        } finally {
            lock.unlock();
        }
    }

    private Batch<T> oldest(int max) {
        List<T> items = new ArrayList<>(Math.min(max, entries.size()));
        long last = -1;
        for (Entry<T> entry : entries) {
            if (items.size() == max) {
                break;
            }
            items.add(entry.item());
            last = entry.position();
        }
        onTheWayUpTo = last;
        return new Batch<>(List.copyOf(items), last);
    }

    /** The batch got through: its items leave the buffer (those still in it). */
    void delivered(Batch<T> batch) {
        lock.lock();
        try {
            while (!entries.isEmpty() && entries.peekFirst().position() <= batch.last()) {
                entries.removeFirst();
            }
            settle(0);
        } finally {
            lock.unlock();
        }
    }

    /** The batch did not get through: its items stay, and those dropped meanwhile are lost. */
    void failed(Batch<T> batch) {
        lock.lock();
        try {
            settle(droppedOnTheWay);
        } finally {
            lock.unlock();
        }
    }

    private void settle(long lost) {
        dropped += lost;
        droppedOnTheWay = 0;
        onTheWayUpTo = -1;
    }

    /** How many items wait, never more than the capacity. */
    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many items were dropped for want of room since the start. */
    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return capacity;
    }
}
