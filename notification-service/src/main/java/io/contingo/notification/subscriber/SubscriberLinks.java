package io.contingo.notification.subscriber;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The links a subscriber's emails carry to manage their subscription and to leave it. Each carries a token made of
 * the subscriber's id (random, never the address) and an HMAC-SHA256 of it and the link's purpose, keyed with
 * {@link SubscriptionSettings#linkSecret()}: only this service can make one, and a manage token does not unsubscribe.
 */
@Component
public class SubscriberLinks {

    /** What a token lets its holder do. */
    public enum Purpose { MANAGE, UNSUBSCRIBE }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SubscriptionSettings settings;

    SubscriberLinks(SubscriptionSettings settings) {
        this.settings = settings;
    }

    public String manageUrl(String subscriberId) {
        return settings.base() + "/manage?token=" + token(Purpose.MANAGE, subscriberId);
    }

    public String unsubscribeUrl(String subscriberId) {
        return settings.base() + "/unsubscribe?token=" + token(Purpose.UNSUBSCRIBE, subscriberId);
    }

    /** The {@code List-Unsubscribe} header's value (RFC 2369 and RFC 8058): the one-click link, then a mailto. */
    public String listUnsubscribeHeader(String subscriberId) {
        String token = token(Purpose.UNSUBSCRIBE, subscriberId);
        return "<" + unsubscribeUrl(subscriberId) + ">, <mailto:" + settings.unsubscribeMailbox() + "?subject="
                + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20") + ">";
    }

    public String token(Purpose purpose, String subscriberId) {
        return ENCODER.encodeToString(subscriberId.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(purpose, subscriberId));
    }

    /** The subscriber id a token was made for, when it is genuine and for this purpose. */
    public Optional<String> subscriberId(Purpose purpose, String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            return MessageDigest.isEqual(given, mac(purpose, id)) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private byte[] mac(Purpose purpose, String subscriberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.linkSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal((purpose.name() + ":" + subscriberId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
