package io.contingo.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.bson.BsonString;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;

/**
 * Added to incident-service by a benchmark: counts the MongoDB commands the service sends, per command and per
 * thread (the driver is synchronous, so the listener runs on the thread that waits for the answer), with the
 * time each took from request to reply as the driver saw it.
 */
@Configuration(proxyBeanMethods = false)
class MongoCommandCounter implements CommandListener {

    /** Commands of one name sent from one kind of thread, and the time they took. */
    record Tally(long count, long nanos) {
        double averageMicros() {
            return count == 0 ? 0 : nanos / 1_000.0 / count;
        }
    }

    private record Counter(LongAdder count, LongAdder nanos) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, String> parts = new ConcurrentHashMap<>();
    /** The collection of each command under way, by request id. */
    private final Map<Integer, String> collections = new ConcurrentHashMap<>();

    @Bean
    MongoClientSettingsBuilderCustomizer countingMongoCommands() {
        return settings -> settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (event.getCommand().get(event.getCommandName()) instanceof BsonString collection) {
            collections.put(event.getRequestId(), collection.getValue());
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        record(name(event.getRequestId(), event.getCommandName()), event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        record(name(event.getRequestId(), event.getCommandName()) + " (failed)", event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    /** "update incidents": the command and the collection it went to, where it names one. */
    private String name(int requestId, String command) {
        String collection = collections.remove(requestId);
        return collection == null ? command : command + " " + collection;
    }

    private void record(String command, long nanos) {
        String part = parts.computeIfAbsent(Thread.currentThread().getName(),
                name -> CpuAccounting.platformRole(ThreadNames.group(Thread.currentThread())));
        String key = command + " @ " + part;
        Counter counter = counters.computeIfAbsent(key, k -> new Counter(new LongAdder(), new LongAdder()));
        counter.count().increment();
        counter.nanos().add(nanos);
    }

    void reset() {
        counters.clear();
    }

    /** "command collection @ part" ({@link CpuAccounting#platformRole(String)} of the thread) → tally, sorted by key. */
    Map<String, Tally> tallies() {
        Map<String, Tally> result = new TreeMap<>();
        counters.forEach((key, c) -> result.put(key, new Tally(c.count().sum(), c.nanos().sum())));
        return result;
    }
}
