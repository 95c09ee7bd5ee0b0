package io.contingo.health.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import io.contingo.health.monitor.DnsMonitor;
import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.HostAndPort;

/**
 * Runs one DNS check: asks the monitor's server (or the system's resolver) for the name and record type,
 * without cache or search domains, and is UP when the name has such records, among them the expected answer
 * if the monitor names one. A server set in the monitor is checked against the deny-list before the query;
 * the system's resolver is the host's own configuration and is not (on some clouds it is link-local).
 */
final class DnsCheck {

    private final DenyList denyList;
    private final Function<InetSocketAddress, SimpleResolver> servers;

    /**
     * @param servers makes the resolver that asks a server ({@code SimpleResolver::new}); tests pass one that
     *                proves which servers were asked
     */
    DnsCheck(DenyList denyList, Function<InetSocketAddress, SimpleResolver> servers) {
        this.denyList = denyList;
        this.servers = servers;
    }

    CheckResult run(DnsMonitor monitor) {
        String question = monitor.queryName() + " " + monitor.queryType();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("query", question);
        long started = System.nanoTime();
        SimpleResolver resolver;
        try {
            resolver = resolver(monitor.dnsServer());
        } catch (UnknownHostException e) {
            return CheckResult.down(null, monitor.server() == null ? "No DNS server is configured on this host"
                    : "Unknown DNS server " + monitor.dnsServer().host(), attributes);
        }
        String server = HostAndPort.of(resolver.getAddress()).toString();
        attributes.put("server", server);
        resolver.setTimeout(monitor.timeout());
        int type = Type.value(monitor.queryType());
        Message response;
        try {
            Record query = Record.newRecord(Name.fromString(monitor.queryName(), Name.root), type, DClass.IN);
            CompletableFuture<Message> answer = resolver.sendAsync(Message.newQuery(query)).toCompletableFuture();
            try {
                response = answer.get(monitor.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                answer.cancel(true);
                return noAnswer(server, monitor, attributes);
            }
        } catch (TextParseException e) {
            return CheckResult.down(null, "'" + monitor.queryName() + "' is not a DNS name: " + e.getMessage(), attributes);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SocketTimeoutException || e.getCause() instanceof TimeoutException) {
                return noAnswer(server, monitor, attributes);
            }
            return CheckResult.down(null, "DNS query to " + server + " failed: " + e.getCause().getMessage(), attributes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.down(null, "Check interrupted", attributes);
        }
        long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return CheckResult.down(latency, monitor.queryName() + " does not exist (NXDOMAIN from " + server + ")", attributes);
        }
        if (rcode != Rcode.NOERROR) {
            return CheckResult.down(latency, server + " answered " + Rcode.string(rcode) + " for " + question, attributes);
        }
        List<String> answers = response.getSection(Section.ANSWER).stream()
                .filter(r -> r.getType() == type).map(Record::rdataToString).toList();
        if (answers.isEmpty()) {
            return CheckResult.down(latency, "No " + monitor.queryType() + " record for " + monitor.queryName(), attributes);
        }
        String answered = String.join(", ", answers);
        attributes.put("answers", answered);
        if (monitor.expect() != null && answers.stream().noneMatch(a -> same(a, monitor.expect()))) {
            return CheckResult.down(latency, question + " answered " + answered + ", expected " + monitor.expect(), attributes);
        }
        return CheckResult.up(latency, question + " answered " + answered + " in " + latency + " ms", attributes);
    }

    private SimpleResolver resolver(HostAndPort server) throws UnknownHostException {
        if (server == null) {
            return new SimpleResolver();
        }
        InetAddress address = denyList.resolve(server.host()).getFirst();
        return servers.apply(new InetSocketAddress(address, server.port()));
    }

    private static CheckResult noAnswer(String server, DnsMonitor monitor, Map<String, String> attributes) {
        return CheckResult.down(null, "No answer from DNS server " + server + " within " + monitor.timeout().toMillis() + " ms", attributes);
    }

    /** An answer as the monitor writes it: names without the final dot, in any case; text without its quotes. */
    private static boolean same(String answer, String expected) {
        return normal(answer).equals(normal(expected));
    }

    private static String normal(String value) {
        String text = value.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return (text.endsWith(".") ? text.substring(0, text.length() - 1) : text).toLowerCase(Locale.ROOT);
    }
}
