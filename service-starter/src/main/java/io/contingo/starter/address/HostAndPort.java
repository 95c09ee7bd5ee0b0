package io.contingo.starter.address;

import java.net.InetSocketAddress;

/**
 * A server written as {@code host}, {@code host:port}, or with an IPv6 literal {@code [::1]:5353}.
 *
 * @param host a name or an IP literal, without brackets
 */
public record HostAndPort(String host, int port) {

    /** Reads a server address, taking {@code defaultPort} when none is written. */
    public static HostAndPort parse(String text, int defaultPort) {
        String value = text == null ? "" : text.strip();
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': the '[' of the IPv6 address is not closed");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "' is not host:port");
                }
                port = rest.substring(1);
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        if (port == null) {
            return new HostAndPort(host, defaultPort);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("'" + text + "' has a port that is not a number from 1 to 65535");
        }
        return new HostAndPort(host, Integer.parseInt(port));
    }

    /** The address a socket uses, written with its IP when it has one. */
    public static HostAndPort of(InetSocketAddress address) {
        return new HostAndPort(address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress(),
                address.getPort());
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
