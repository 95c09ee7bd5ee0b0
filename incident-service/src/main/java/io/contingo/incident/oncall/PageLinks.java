package io.contingo.incident.oncall;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The acknowledgement link of a page: the page's id and an HMAC-SHA256 of it keyed with
 * {@code contingo.oncall.link-secret}, so that nobody can make one for another page without the key.
 */
@Component
class PageLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final OnCallSettings settings;

    PageLinks(OnCallSettings settings) {
        this.settings = settings;
    }

    String token(String pageId) {
        return ENCODER.encodeToString(pageId.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(signature(pageId));
    }

    String acknowledgeUrl(String pageId) {
        return base() + "/console/pages/" + token(pageId);
    }

    String incidentUrl(String incidentId) {
        return base() + "/console/incidents/" + incidentId;
    }

    /** The page id a token was made for, or empty when it was not made with this key (or is no token at all). */
    Optional<String> pageId(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1 || token.length() > 1000) {
            return Optional.empty();
        }
        try {
            String pageId = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = DECODER.decode(token.substring(dot + 1));
            return MessageDigest.isEqual(given, signature(pageId)) ? Optional.of(pageId) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private String base() {
        String url = settings.consoleUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private byte[] signature(String pageId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.linkSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(("page-ack:" + pageId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
