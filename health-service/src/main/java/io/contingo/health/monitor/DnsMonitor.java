package io.contingo.health.monitor;

import java.time.Duration;

import io.contingo.starter.address.HostAndPort;

/**
 * A DNS query, optionally expecting an answer.
 *
 * @param queryName       the name to resolve
 * @param queryType       the record type asked for (A by default)
 * @param server          the DNS server, {@code host} or {@code host:port}; the system's resolver when unset
 * @param expect          one of the answers (e.g. an A record's address)
 * @param degradedLatency an answer slower than this is DEGRADED (none when null)
 */
public record DnsMonitor(MonitorBasics basics, String queryName, String queryType, String server, String expect,
        Duration degradedLatency) implements MonitorDefinition {

    /** The port of a DNS server written without one. */
    public static final int DNS_PORT = 53;

    public DnsMonitor {
        queryType = queryType == null ? "A" : queryType;
    }

    /** The DNS server to ask, when one is set. */
    public HostAndPort dnsServer() {
        return server == null ? null : HostAndPort.parse(server, DNS_PORT);
    }

    @Override
    public String target() {
        return queryName + " " + queryType + (server == null ? "" : " @" + dnsServer());
    }

    @Override
    public Addressed addressed() {
        return server == null ? null : new Addressed("server", dnsServer().host());
    }
}
