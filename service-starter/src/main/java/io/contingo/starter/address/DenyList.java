package io.contingo.starter.address;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Addresses no check may reach, whatever a monitor says: by default link-local addresses and the cloud
 * metadata services, which hand out credentials to anything that can reach them from the probe's host. Every
 * check asks {@link #resolve(String)} for its target's addresses before it opens a socket, connects only
 * if none of them is denied (a name with one good and one denied address is refused: the connection could go
 * to either), and then only to the addresses it was given. Private ranges and loopback are allowed: operators
 * watch their own hosts. An IPv6 address that carries an IPv4 one ({@link AddressRange#embeddedIpv4}) is denied
 * when either is.
 */
public final class DenyList {

    /** Finds the addresses of a host: the JVM's resolver in production, a table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What is always denied: IPv4 and IPv6 link-local, and the cloud metadata services of AWS, GCP, Azure and Alibaba. */
    public static final List<AddressRange> BUILT_IN = List.of(AddressRange.valueOf("169.254.0.0/16"),
            AddressRange.valueOf("fe80::/10"), AddressRange.valueOf("169.254.169.254/32"),
            AddressRange.valueOf("fd00:ec2::254/128"), AddressRange.valueOf("100.100.100.200/32"));

    private final List<AddressRange> ranges;
    private final Resolver resolver;

    /** The {@link #BUILT_IN} ranges and an operator's own on top of them, which never replace them. */
    public static DenyList withBuiltIns(List<AddressRange> extra) {
        return withBuiltIns(extra, InetAddress::getAllByName);
    }

    public static DenyList withBuiltIns(List<AddressRange> extra, Resolver resolver) {
        List<AddressRange> ranges = new java.util.ArrayList<>(BUILT_IN);
        extra.stream().filter(range -> !ranges.contains(range)).forEach(ranges::add);
        return new DenyList(ranges, resolver);
    }

    public DenyList(List<AddressRange> ranges) {
        this(ranges, InetAddress::getAllByName);
    }

    public DenyList(List<AddressRange> ranges, Resolver resolver) {
        this.ranges = List.copyOf(ranges);
        this.resolver = resolver;
    }

    /**
     * The addresses of a host (a name or an IP literal), every one of them allowed.
     *
     * @throws TargetRefusedException when any of them is denied
     * @throws UnknownHostException   when the name does not resolve
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = unbracketed(host);
        List<InetAddress> addresses = List.of(resolver.resolve(bare));
        for (InetAddress address : addresses) {
            Optional<AddressRange> range = rangeOf(address);
            if (range.isPresent()) {
                throw new TargetRefusedException(bare, address, range.get());
            }
        }
        return addresses;
    }

    /** The denied range the address lies in, or the IPv4 address it carries, if any. */
    public Optional<AddressRange> rangeOf(InetAddress address) {
        Optional<InetAddress> embedded = AddressRange.embeddedIpv4(address);
        return ranges.stream().filter(r -> r.contains(address) || embedded.filter(r::contains).isPresent()).findFirst();
    }

    /**
     * Why a target written as an IP literal is refused, read without any lookup: a monitor pointing at a
     * denied address is a mistake to report at start-up. Empty for allowed addresses and for host names
     * (those are judged at every check, since their addresses may change).
     */
    public Optional<String> refusesLiteral(String host) {
        String bare = unbracketed(host);
        return AddressRange.literal(bare)
                .flatMap(address -> rangeOf(address).map(range -> TargetRefusedException.describe(bare, address, range)));
    }

    public List<AddressRange> ranges() {
        return ranges;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
