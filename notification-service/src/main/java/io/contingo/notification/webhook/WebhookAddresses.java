package io.contingo.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;
import io.contingo.starter.address.TargetRefusedException;

/**
 * Which addresses a customer's webhook may have: an absolute {@code https://} URL without credentials whose host
 * resolves only to public addresses, none in the monitors' deny-list ({@link DenyList#BUILT_IN}, the cloud metadata
 * services among them, and the operator's {@link WebhookSettings#deniedRanges()}). Unlike a monitor, a customer may not point at private, loopback or link-local addresses: they are the
 * operator's network. Judged when the customer subscribes and again before every call, since a name's addresses change;
 * the call then connects only to the addresses judged.
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

    /** The addresses a call to the URL may connect to, every one of its host's judged just now; or why it is refused. */
    record Checked(List<InetAddress> addresses, Problem problem) {

        static Checked refused(Problem problem) {
            return new Checked(List.of(), problem);
        }
    }

    Optional<Problem> check(String url) {
        return Optional.ofNullable(judge(url).problem());
    }

    Checked judge(String url) {
        URI uri;
        try {
            uri = url == null || url.length() > 2000 ? null : new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Checked.refused(Problem.FORMAT);
        }
        boolean testReceiver = allowLoopbackHttp && "127.0.0.1".equals(uri.getHost());
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !(testReceiver && "http".equalsIgnoreCase(uri.getScheme()))) {
            return Checked.refused(Problem.SCHEME);
        }
        try {
            List<InetAddress> resolved = denyList.resolve(uri.getHost());
            for (InetAddress address : resolved) {
                if (!testReceiver && (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || (address.getAddress()[0] & 0xfe) == 0xfc
                                && address.getAddress().length == 16)) {
                    return Checked.refused(Problem.REFUSED);
                }
            }
            return new Checked(resolved, null);
        } catch (TargetRefusedException denied) {
            return Checked.refused(Problem.REFUSED);
        } catch (UnknownHostException | IllegalArgumentException unknown) {
            return Checked.refused(Problem.UNKNOWN_HOST);
        }
    }
}
