package io.contingo.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.TargetRefusedException;

/**
 * Which addresses a customer's webhook may have: an absolute {@code https://} URL without credentials whose host
 * resolves only to public addresses, none in the monitors' deny-list ({@link DenyList#BUILT_IN}, the cloud metadata
 * services among them, and the operator's {@link WebhookSettings#deniedRanges()}). Unlike a monitor, a customer may not point at private, loopback or link-local addresses: they are the
 * operator's network. Judged when the customer subscribes and again before every call, since a name's addresses change.
 * Only with {@link WebhookSettings#allowLoopbackHttp()} (tests) is {@code http://127.0.0.1} taken.
 */
@Component
class WebhookAddresses {

    /** Why an address is refused; each has a text on the pages. */
    enum Problem { FORMAT, SCHEME, UNKNOWN_HOST, REFUSED }

    private final DenyList denyList;
    private final boolean allowLoopbackHttp;

    WebhookAddresses(WebhookSettings settings) {
        this.denyList = DenyList.withBuiltIns(settings.deniedRanges().stream().map(AddressRange::valueOf).toList());
        this.allowLoopbackHttp = settings.allowLoopbackHttp();
    }

    Optional<Problem> check(String url) {
        URI uri;
        try {
            uri = url == null || url.length() > 2000 ? null : new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of(Problem.FORMAT);
        }
        boolean testReceiver = allowLoopbackHttp && "127.0.0.1".equals(uri.getHost());
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !(testReceiver && "http".equalsIgnoreCase(uri.getScheme()))) {
            return Optional.of(Problem.SCHEME);
        }
        try {
            for (InetAddress address : denyList.resolve(uri.getHost())) {
                if (!testReceiver && (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || (address.getAddress()[0] & 0xfe) == 0xfc
                                && address.getAddress().length == 16)) {
                    return Optional.of(Problem.REFUSED);
                }
            }
            return Optional.empty();
        } catch (TargetRefusedException denied) {
            return Optional.of(Problem.REFUSED);
        } catch (UnknownHostException | IllegalArgumentException unknown) {
            return Optional.of(Problem.UNKNOWN_HOST);
        }
    }
}
