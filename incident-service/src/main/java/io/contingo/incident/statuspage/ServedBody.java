package io.contingo.incident.statuspage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * A public body as it is served, written once per change and sent as bytes until the next: as is, and compressed
 * with gzip once for every reader whose client accepts it (browsers, Statuspage widgets, proxies), so that a page of
 * a thousand components costs a tenth of the bytes and none of the compression per request. Each form has its own
 * ETag, made of its bytes ({@link ContentTags}): the same from every instance, as the same JDK compresses the same
 * bytes the same way.
 */
record ServedBody(byte[] bytes, String etag, byte[] gzip, String gzipEtag) {

    /** Below this a body is sent as is: gzip's header and the CPU would cost more than they save. */
    static final int COMPRESSED_FROM = 1_024;

    static ServedBody of(byte[] bytes) {
        if (bytes.length < COMPRESSED_FROM) {
            return new ServedBody(bytes, ContentTags.of(bytes), null, null);
        }
        byte[] gzip = gzip(bytes);
        return new ServedBody(bytes, ContentTags.of(bytes), gzip, ContentTags.of(gzip));
    }

    /** One form of the body as sent: its bytes, its ETag, and whether they are gzipped ({@code Content-Encoding}). */
    record Form(byte[] bytes, String etag, boolean gzipped) {
    }

    /** The form for a client that sent this {@code Accept-Encoding} (null when it sent none). */
    Form formFor(String acceptEncoding) {
        return gzip != null && acceptsGzip(acceptEncoding) ? new Form(gzip, gzipEtag, true) : new Form(bytes, etag, false);
    }

    /**
     * Whether an {@code Accept-Encoding} header accepts gzip: it names {@code gzip} (or {@code x-gzip}, or
     * {@code *}) with a weight above 0.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean star = false;
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    refused = parameter.substring(2).strip().matches("0(\\.0{0,3})?");
                }
            }
            if (name.equals("gzip") || name.equals("x-gzip")) {
                return !refused;
            }
            if (name.equals("*")) {
                star = !refused;
            }
        }
        return star;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream zipped = new GZIPOutputStream(out, 8_192)) {
            zipped.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
