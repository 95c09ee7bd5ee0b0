package io.contingo.health.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.contingo.health.monitor.TcpMonitor;
import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.HostAndPort;

/**
 * Runs one TCP check: connects to the first address of the host (after the deny-list has allowed every one
 * of them), sends the monitor's text if it has one, and reads the reply until it contains the expected text.
 * Connecting, sending and reading all fit within the monitor's timeout.
 */
final class TcpCheck {

    /** A reply is read up to this much while looking for the expected text. */
    static final int REPLY_LIMIT = 64 * 1024;
    private static final int SHOWN_REPLY = 60;

    private final DenyList denyList;
    private final Supplier<Socket> sockets;

    /**
     * @param sockets makes the unconnected socket of each check ({@code Socket::new}); tests pass one that
     *                proves no socket was made
     */
    TcpCheck(DenyList denyList, Supplier<Socket> sockets) {
        this.denyList = denyList;
        this.sockets = sockets;
    }

    CheckResult run(TcpMonitor monitor) {
        HostAndPort target = monitor.tcpTarget();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("address", target.toString());
        long started = System.nanoTime();
        long deadline = started + monitor.timeout().toNanos();
        long timeoutMs = monitor.timeout().toMillis();
        InetAddress address;
        try {
            address = denyList.resolve(target.host()).getFirst();
        } catch (UnknownHostException e) {
            return CheckResult.down(null, "Unknown host " + target.host(), attributes);
        }
        try (Socket socket = sockets.get()) {
            try {
                socket.connect(new InetSocketAddress(address, target.port()), millisLeft(deadline));
            } catch (SocketTimeoutException e) {
                return CheckResult.down(null, "Could not connect to " + target + " within " + timeoutMs + " ms", attributes);
            } catch (ConnectException e) {
                return CheckResult.down(null, "Connection to " + target + " refused", attributes);
            }
            if (monitor.send() != null) {
                socket.getOutputStream().write(monitor.send().getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
            }
            if (monitor.expect() == null) {
                long latency = elapsedMillis(started);
                return CheckResult.up(latency, "Connected to " + target + " in " + latency + " ms", attributes);
            }
            return awaitReply(socket, monitor.expect(), target, started, deadline, attributes, timeoutMs);
        } catch (IOException e) {
            return CheckResult.down(null, "Connection to " + target + " failed: " + e.getMessage(), attributes);
        }
    }

    private static CheckResult awaitReply(Socket socket, String expect, HostAndPort target, long started, long deadline,
            Map<String, String> attributes, long timeoutMs) throws IOException {
        // compared byte for byte: ISO-8859-1 maps each byte to one char, whatever the reply's encoding
        String wanted = new String(expect.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        InputStream in = socket.getInputStream();
        try {
            while (reply.size() < REPLY_LIMIT) {
                socket.setSoTimeout(millisLeft(deadline));
                int read = in.read(buffer, 0, Math.min(buffer.length, REPLY_LIMIT - reply.size()));
                if (read < 0) {
                    break;
                }
                reply.write(buffer, 0, read);
                if (reply.toString(StandardCharsets.ISO_8859_1).contains(wanted)) {
                    long latency = elapsedMillis(started);
                    return CheckResult.up(latency, "Reply from " + target + " contained " + quoted(expect) + " in " + latency + " ms", attributes);
                }
            }
        } catch (SocketTimeoutException e) {
            String got = reply.size() == 0 ? "" : ", got " + shown(reply);
            return CheckResult.down(null, "No reply containing " + quoted(expect) + " from " + target + " within " + timeoutMs + " ms" + got, attributes);
        }
        long latency = elapsedMillis(started);
        if (reply.size() == 0) {
            return CheckResult.down(latency, target + " closed the connection without a reply, expected " + quoted(expect), attributes);
        }
        return CheckResult.down(latency, "Reply from " + target + " did not contain " + quoted(expect) + ": it was " + shown(reply), attributes);
    }

    /** What is left of the timeout, at least 1 ms (0 would mean no timeout to a socket). */
    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("no time left");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static String shown(ByteArrayOutputStream reply) {
        String text = reply.toString(StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return quoted(text.length() > SHOWN_REPLY ? text.substring(0, SHOWN_REPLY) + "…" : text);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
