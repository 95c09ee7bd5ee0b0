package io.contingo.starter.address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.net.spi.InetAddressResolverProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's name resolver, with the addresses a check has just judged pinned to their name while it runs: the
 * JDK's HTTP client looks a name up itself when it connects, and must find the addresses the deny-list allowed
 * ({@link DenyList#resolve(String)}), not what DNS answers a moment later (DNS rebinding). A monitor's HTTP check
 * and a webhook call alike hold a {@link #pin} while they connect. Names no check has pinned go to the JVM's own
 * resolver. Installed through {@code META-INF/services/java.net.spi.InetAddressResolverProvider}: in every service
 * that has this starter.
 */
public final class PinnedAddresses extends InetAddressResolverProvider {

    private static final Logger log = LoggerFactory.getLogger(PinnedAddresses.class);
    private static final Map<String, Pinned> PINNED = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    /** A name's checked addresses and how many running checks hold them. */
    private record Pinned(List<InetAddress> addresses, int holders) {
    }

    /** Held while a check connects; closing it lets the name go back to DNS once no check holds it. */
    public interface Pin extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Pins a name to the addresses checked for it, until the pin is closed. Two checks of one name at once share
     * one pin, the addresses the latest one checked: any address the client is given was checked.
     */
    public static Pin pin(String host, List<InetAddress> checked) {
        String name = host.toLowerCase(Locale.ROOT);
        PINNED.compute(name, (key, pinned) -> new Pinned(List.copyOf(checked), pinned == null ? 1 : pinned.holders() + 1));
        return () -> PINNED.computeIfPresent(name, (key, pinned) -> pinned.holders() == 1 ? null
                : new Pinned(pinned.addresses(), pinned.holders() - 1));
    }

    /** Says, once, when the JVM took its resolver from elsewhere: HTTP calls would then resolve their names twice. */
    public static void requireInstalled() {
        try {
            InetAddress.getByName("localhost"); // makes the JVM choose its resolver, if it has not yet
        } catch (UnknownHostException ignored) {
            // the choice is made all the same
        }
        if (!installed) {
            log.error("The pinned address resolver is not installed: HTTP checks and webhooks connect to what DNS answers when the"
                    + " client connects, which may differ from the addresses the deny-list allowed (DNS rebinding)");
        }
    }

    public static boolean installed() {
        return installed;
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        installed = true;
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                return lookup(host, policy, builtin);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    /** A pinned name's checked addresses; any other name's from the JVM's own resolver. */
    static Stream<InetAddress> lookup(String host, LookupPolicy policy, InetAddressResolver builtin) throws UnknownHostException {
        Pinned pinned = PINNED.get(host.toLowerCase(Locale.ROOT));
        if (pinned == null) {
            return builtin.lookupByName(host, policy);
        }
        List<InetAddress> allowed = ordered(pinned.addresses(), policy.characteristics());
        if (allowed.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return allowed.stream();
    }

    /** The addresses of the families the lookup wants, in the order it wants. */
    static List<InetAddress> ordered(List<InetAddress> addresses, int characteristics) {
        Stream<InetAddress> wanted = addresses.stream()
                .filter(a -> a instanceof Inet4Address ? (characteristics & LookupPolicy.IPV4) != 0
                        : (characteristics & LookupPolicy.IPV6) != 0);
        if ((characteristics & LookupPolicy.IPV6_FIRST) != 0) {
            wanted = wanted.sorted(Comparator.comparing(a -> a instanceof Inet6Address ? 0 : 1));
        } else if ((characteristics & LookupPolicy.IPV4_FIRST) != 0) {
            wanted = wanted.sorted(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
        }
        return wanted.toList();
    }

    @Override
    public String name() {
        return "contingo-pinned-addresses";
    }
}
