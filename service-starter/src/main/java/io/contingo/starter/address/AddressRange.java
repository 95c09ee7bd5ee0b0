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

    /**
     * The IPv4 address an IPv6 address carries, by which it may reach that IPv4 host: IPv4-mapped
     * ({@code ::ffff:0:0/96}) and IPv4-compatible ({@code ::/96}, e.g. {@code ::a9fe:a9fe}), NAT64 ({@code 64:ff9b::/96}
     * and the local-use {@code 64:ff9b:1::/48}, RFC 6052), 6to4 ({@code 2002::/16}) and Teredo's client
     * ({@code 2001::/32}, inverted). Empty for an IPv4 address and for any other IPv6 address.
     */
    public static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return Optional.empty();
        }
        byte[] v4;
        if (zero(b, 0, 10) && (b[10] == (byte) 0xff && b[11] == (byte) 0xff || zero(b, 10, 12))) {
            v4 = Arrays.copyOfRange(b, 12, 16); // mapped, or compatible
        } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && zero(b, 4, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16); // NAT64, well-known prefix
        } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && b[4] == 0 && b[5] == 1) {
            v4 = new byte[] {b[6], b[7], b[9], b[10]}; // NAT64, local-use /48: byte 8 is reserved
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = Arrays.copyOfRange(b, 2, 6); // 6to4
        } else if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            v4 = new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]}; // Teredo client
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
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
