package io.contingo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A rough CPU profile of chosen threads: Flight Recorder's execution samples, each counted for the library the
 * thread was working in (the topmost frame outside the JDK), so that "where does the consumer's CPU go" gets
 * an answer such as "Spring Data mapping 30 %, MongoDB driver 25 %".
 */
final class CpuProfile {

    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("io.contingo.incident.", "incident-service's own code");
        LAYERS.put("org.springframework.data.", "Spring Data MongoDB (mapping, conversion)");
        LAYERS.put("com.mongodb.", "MongoDB driver");
        LAYERS.put("org.bson.", "BSON encoding and decoding");
        LAYERS.put("tools.jackson.", "Jackson (JSON)");
        LAYERS.put("com.fasterxml.", "Jackson (JSON)");
        LAYERS.put("org.apache.kafka.", "Kafka client");
        LAYERS.put("org.springframework.kafka.", "Spring Kafka, Cloud Stream, Integration, Messaging");
        LAYERS.put("org.springframework.cloud.", "Spring Kafka, Cloud Stream, Integration, Messaging");
        LAYERS.put("org.springframework.integration.", "Spring Kafka, Cloud Stream, Integration, Messaging");
        LAYERS.put("org.springframework.messaging.", "Spring Kafka, Cloud Stream, Integration, Messaging");
        LAYERS.put("io.micrometer.", "Micrometer (metrics, observations)");
        LAYERS.put("org.springframework.", "Spring (other)");
        LAYERS.put("org.springframework.core.", "Spring core (conversion, reflection, proxies)");
        LAYERS.put("org.springframework.beans.", "Spring core (conversion, reflection, proxies)");
        LAYERS.put("org.springframework.aop.", "Spring core (conversion, reflection, proxies)");
        LAYERS.put("org.springframework.util.", "Spring core (conversion, reflection, proxies)");
        LAYERS.put("org.springframework.context.", "Spring context (messages, events)");
        LAYERS.put("org.springframework.expression.", "Spring Expression Language (template expressions)");
        LAYERS.put("org.springframework.security.", "Spring Security");
        LAYERS.put("org.springframework.web.", "Spring MVC");
        LAYERS.put("org.springframework.http.", "Spring MVC");
        LAYERS.put("org.thymeleaf.", "Thymeleaf (templates)");
        LAYERS.put("org.attoparser.", "Thymeleaf (templates)");
        LAYERS.put("org.apache.catalina.", "Tomcat");
        LAYERS.put("org.apache.coyote.", "Tomcat");
        LAYERS.put("org.apache.tomcat.", "Tomcat");
        LAYERS.put("de.bwaldvogel.", "MongoDB-wire server");
        LAYERS.put("kafka.", "Kafka broker");
        LAYERS.put("org.apache.kafka.server.", "Kafka broker");
        LAYERS.put("org.apache.kafka.storage.", "Kafka broker");
    }

    private final Recording recording = new Recording();

    CpuProfile() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.setToDisk(true);
    }

    void start() {
        recording.start();
    }

    /** One execution sample: the thread's group name ({@link ThreadNames#group(String)}) and its stack, top first. */
    record Sample(String threadGroup, List<RecordedFrame> frames) {
        boolean passesThrough(String typePrefix) {
            return frames.stream().anyMatch(f -> f.getMethod() != null && f.getMethod().getType().getName().startsWith(typePrefix));
        }
    }

    /** Samples per library, of the samples a predicate chose. */
    record Profile(int samples, Map<String, Integer> samplesByLayer) {
        double share(int layerSamples) {
            return samples == 0 ? 0 : 100.0 * layerSamples / samples;
        }
    }

    Profile stop(Predicate<Sample> chosen) {
        recording.stop();
        Path file = null;
        try {
            file = Files.createTempFile("contingo-bench", ".jfr");
            recording.dump(file);
            Map<String, Integer> byLayer = new HashMap<>();
            int samples = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue; // the events of another recording running in the JVM (BENCHMARKS_JAVA_OPTS)
                }
                RecordedThread thread = event.getThread("sampledThread");
                RecordedStackTrace stack = event.getStackTrace();
                if (thread == null || stack == null
                        || !chosen.test(new Sample(ThreadNames.group(thread.getJavaName()), stack.getFrames()))) {
                    continue;
                }
                samples++;
                byLayer.merge(layer(stack.getFrames()), 1, Integer::sum);
            }
            Map<String, Integer> sorted = new LinkedHashMap<>();
            byLayer.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return new Profile(samples, sorted);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the flight recording", e);
        } finally {
            recording.close();
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (!frame.isJavaFrame() || frame.getMethod() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("javax.")) {
                continue;
            }
            String best = null;
            int bestLength = -1;
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (type.startsWith(layer.getKey()) && layer.getKey().length() > bestLength) {
                    best = layer.getValue();
                    bestLength = layer.getKey().length();
                }
            }
            return best != null ? best : "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
        }
        return "JDK only (I/O, collections, reflection)";
    }
}
