package io.contingo.health.probe;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.SimpleResolver;

import io.contingo.events.HealthEvent;
import io.contingo.health.monitor.BackupMonitor;
import io.contingo.health.monitor.DnsMonitor;
import io.contingo.health.monitor.HttpMonitor;
import io.contingo.health.monitor.MetricsMonitor;
import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.PushMonitor;
import io.contingo.health.monitor.TcpMonitor;
import io.contingo.health.monitor.MonitorSettings;
import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.PinnedAddresses;
import io.contingo.starter.address.TargetRefusedException;
import io.contingo.health.monitor.ProbeSettings;
import io.contingo.health.push.MetricsSamples;
import io.contingo.health.push.PushStates;

/**
 * Runs the check of any monitor and says what it saw as a {@link HealthEvent}: an answer slower than the
 * monitor's latency budget is DEGRADED, a target the deny-list refuses is DOWN without any connection. At
 * start-up, refuses monitors that point at a denied IP address: that is a mistake in the monitors file.
 */
@Component
class Probe {

    private final HttpCheck http;
    private final TcpCheck tcp;
    private final DnsCheck dns;
    private final Clock clock;
    private final String probeId;
    private final String location;
    private final Instant startedAt;
    private PushStates pushStates;
    private MetricsSamples metricsSamples;

    /**
     * Push and backup monitors are judged from what their jobs last said, in {@code pushStates}; metrics monitors
     * from their agents' latest readings, in {@code metricsSamples}.
     */
    @Autowired
    Probe(ProbeSettings probe, MonitorSettings monitors, PushStates pushStates, MetricsSamples metricsSamples) {
        this(probe, monitors);
        this.pushStates = pushStates;
        this.metricsSamples = metricsSamples;
    }

    Probe(ProbeSettings probe, MonitorSettings monitors) {
        this(refusingDeniedTargets(DenyList.withBuiltIns(probe.denyList()), monitors), Clock.systemUTC(), probe.id(),
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER) // HttpCheck follows them, past the deny-list
                        .executor(Executors.newVirtualThreadPerTaskExecutor())
                        .build(),
                Socket::new, SimpleResolver::new, probe.location());
        PinnedAddresses.requireInstalled();
    }

    /** A probe that opens connections only through the given client, socket maker and DNS resolver maker. */
    Probe(DenyList denyList, Clock clock, String probeId, HttpClient client, Supplier<Socket> sockets,
            Function<InetSocketAddress, SimpleResolver> dnsServers) {
        this(denyList, clock, probeId, client, sockets, dnsServers, null);
    }

    /**
     * ... and says where it checks from: every result carries the {@code location} attribute, so that
     * incident-service can ask a quorum of locations before it calls a component down.
     */
    Probe(DenyList denyList, Clock clock, String probeId, HttpClient client, Supplier<Socket> sockets,
            Function<InetSocketAddress, SimpleResolver> dnsServers, String location) {
        this.location = location;
        this.http = new HttpCheck(client, denyList, clock, probeId);
        this.tcp = new TcpCheck(denyList, sockets);
        this.dns = new DnsCheck(denyList, dnsServers);
        this.clock = clock;
        this.probeId = probeId;
        this.startedAt = clock.instant();
    }


    HealthEvent check(MonitorDefinition monitor) {
        Instant observedAt = clock.instant();
        CheckResult result;
        try {
            result = switch (monitor) {
                case HttpMonitor m -> http.run(m);
                case TcpMonitor m -> tcp.run(m);
                case DnsMonitor m -> dns.run(m);
                case PushMonitor m -> PushCheck.heartbeat(m, pushStates.of(m.id()), startedAt, observedAt);
                case BackupMonitor m -> PushCheck.backup(m, pushStates.of(m.id()), startedAt, observedAt);
                case MetricsMonitor m -> MetricsCheck.judge(m, metricsSamples.of(m.id()), startedAt, observedAt);
            };
        } catch (TargetRefusedException e) {
            result = CheckResult.down(null, "Refused by the deny-list, no connection made: " + e.getMessage(),
                    Map.of("target", monitor.target()));
        }
        result = result.within(monitor.degradedLatency());
        Map<String, String> attributes = result.attributes();
        if (location != null) {
            attributes = new java.util.HashMap<>(attributes);
            attributes.put(HealthEvent.LOCATION, location);
        }
        return new HealthEvent(UUID.randomUUID().toString(), monitor.id(), monitor.componentId(), monitor.siteId(),
                probeId, result.status(), observedAt, result.latencyMs(), result.detail(), attributes);
    }

    private static DenyList refusingDeniedTargets(DenyList denyList, MonitorSettings monitors) {
        List<String> refused = deniedTargets(monitors.definitions(), denyList);
        if (!refused.isEmpty()) {
            throw new DeniedTargetsException(refused);
        }
        return denyList;
    }

    /**
     * The monitors whose target is written as an IP address that the deny-list refuses, each named with its
     * property. Host names are left to each check: their addresses may change.
     */
    static List<String> deniedTargets(List<MonitorDefinition> monitors, DenyList denyList) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < monitors.size(); i++) {
            MonitorDefinition monitor = monitors.get(i);
            MonitorDefinition.Addressed addressed = monitor.addressed();
            if (addressed != null && addressed.host() != null) {
                String property = "contingo.monitors[" + i + "]." + addressed.field();
                denyList.refusesLiteral(addressed.host()).ifPresent(why -> refused.add(property + ": monitor '"
                        + monitor.id() + "' points at a denied address: " + why));
            }
        }
        return refused;
    }
}
