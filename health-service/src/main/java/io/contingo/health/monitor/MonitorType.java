package io.contingo.health.monitor;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What a monitor checks; written in lower case in the monitors file ({@code type: tcp}). */
public enum MonitorType {
    /** An HTTP(S) request, judged by its status or by conditions. */
    HTTP(HttpMonitor.class),
    /** A TCP connection, optionally sending a line and expecting text in the reply. */
    TCP(TcpMonitor.class),
    /** A DNS query, optionally expecting an answer. */
    DNS(DnsMonitor.class),
    /** A heartbeat: the monitored job calls the push URL at least once per period; silence is DOWN. */
    PUSH(PushMonitor.class),
    /** A backup job reports each backup to the push URL; judged against the RPO and the schedule per kind. */
    BACKUP(BackupMonitor.class),
    /** A host's agent pushes its readings (disk, load, memory, …); judged against per-metric thresholds. */
    METRICS(MetricsMonitor.class);

    private final List<String> fields;

    MonitorType(Class<? extends MonitorDefinition> definition) {
        this.fields = Stream.of(Stream.of("type"), names(MonitorBasics.class), names(definition))
                .flatMap(s -> s).filter(name -> !name.equals("basics")).toList();
    }

    private static Stream<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName);
    }

    /** The fields of the monitors file (as in JSON: {@code queryName}) a monitor of this type takes, in order. */
    public List<String> fields() {
        return fields;
    }

    /** As the monitors file writes it: {@code tcp}. */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type written so ({@code tcp}), http for none or an unknown one. */
    public static MonitorType named(String name) {
        return Arrays.stream(values()).filter(type -> type.written().equals(name)).findFirst().orElse(HTTP);
    }
}
