package io.contingo.starter.address;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses written in CIDR notation ({@code 169.254.0.0/16}, {@code fe80::/10}), or a single
 * address ({@code 100.100.100.200}). Only address literals are accepted, so reading one never asks DNS.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String cidr;
    private final byte[] network;
    private final int prefixLength;

    private AddressRange(String cidr, byte[] network, int prefixLength) {
        this.cidr = cidr;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Reads a range (Spring Boot binds {@code contingo.probe.deny-list} entries through this factory). */
    public static AddressRange valueOf(String cidr) {
        String text = cidr == null ? "" : cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address).map(InetAddress::getAddress).orElseThrow(() -> new IllegalArgumentException(
                "'" + cidr + "' is not an IP address or CIDR block such as 169.254.0.0/16 or fe80::/10"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length that is not a number from 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        return new AddressRange(text, mask(bytes, prefix), prefix);
    }

    /**
     * The address an IP literal ({@code 10.0.0.1}, {@code fe80::1}, {@code [fe80::1]}) stands for, read without
     * any DNS lookup; empty when the text is a host name.
     */
    public static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare)); // a literal: parsed, no resolver asked
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether the address lies in this range (an IPv4 address is never in an IPv6 range, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefixLength == prefixLength && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return cidr;
    }
}
