package io.contingo.incident.statuspage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * ETags made of what is served: a hash of the body, so that every instance behind a load balancer that serves the
 * same content answers the same ETag (a counter of each instance's rebuilds would differ between them, and a
 * reader sent to another instance would download again what it has, or, worse, be told 304 for other content).
 */
final class ContentTags {

    private ContentTags() {
    }

    /** A strong ETag, quoted: the first 128 bits of the body's SHA-256, in URL-safe Base64. */
    static String of(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
