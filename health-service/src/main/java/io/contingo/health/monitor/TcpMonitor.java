package io.contingo.health.monitor;

import java.net.URI;
import java.time.Duration;

import io.contingo.starter.address.HostAndPort;

/**
 * A TCP connection, optionally sending a line and expecting text in the reply.
 *
 * @param url             {@code tcp://host:port}, or a web address whose host and port (80, 443 by default) to
 *                        connect to; instead of host and port
 * @param host            the host to connect to
 * @param port            the port to connect to
 * @param send            text to send once connected
 * @param expect          text the reply must contain
 * @param degradedLatency a check slower than this is DEGRADED (none when null)
 */
public record TcpMonitor(MonitorBasics basics, URI url, String host, Integer port, String send, String expect,
        Duration degradedLatency) implements MonitorDefinition {

    /**
     * Where the monitor connects: its {@code host} and {@code port}, or those of its {@code url}. Null when
     * neither is complete (the rules refuse such a monitor).
     */
    public HostAndPort tcpTarget() {
        if (url == null) {
            return host == null || port == null ? null : new HostAndPort(host, port);
        }
        int urlPort = url.getPort() != -1 ? url.getPort() : "http".equals(url.getScheme()) ? 80 : "https".equals(url.getScheme()) ? 443 : -1;
        return url.getHost() == null || urlPort == -1 ? null : new HostAndPort(url.getHost().replaceAll("^\\[|\\]$", ""), urlPort);
    }

    @Override
    public String target() {
        return String.valueOf(tcpTarget());
    }

    @Override
    public Addressed addressed() {
        return tcpTarget() == null ? null : new Addressed(url == null ? "host" : "url", tcpTarget().host());
    }
}
