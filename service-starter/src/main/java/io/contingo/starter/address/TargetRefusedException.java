package io.contingo.starter.address;

import java.net.InetAddress;

/** A check target that the deny-list refuses: no socket was opened to it. */
public class TargetRefusedException extends RuntimeException {

    TargetRefusedException(String host, InetAddress address, AddressRange range) {
        super(describe(host, address, range));
    }

    /** "169.254.169.254 is in 169.254.0.0/16", or for a name "metadata resolves to 169.254.169.254, which is in …". */
    static String describe(String host, InetAddress address, AddressRange range) {
        boolean literal = AddressRange.literal(host).isPresent();
        return (literal ? host + " is" : host + " resolves to " + address.getHostAddress() + ", which is") + " in " + range;
    }
}
