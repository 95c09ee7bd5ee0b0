package io.contingo.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMTP server (GreenMail) and a web inbox that answers the parts of Mailpit's JSON API that Contingo's
 * tests and demo use: {@code GET /api/v1/messages}, {@code GET /api/v1/message/{ID}} (and its
 * {@code /headers} and {@code /raw}), {@code DELETE /api/v1/messages}; as in Mailpit, the ID {@code latest} names
 * the newest message. Mail is kept in memory.
 */
public final class MailServer implements AutoCloseable {

    private static final Pattern HEAD = Pattern.compile("(?i)<head(\\s[^>]*)?>");

    private final GreenMail greenMail;
    private final HttpServer inbox;
    private final JsonMapper json = JsonMapper.builder().build();

    private MailServer(GreenMail greenMail, HttpServer inbox) {
        this.greenMail = greenMail;
        this.inbox = inbox;
    }

    public static MailServer start(int smtpPort, int inboxPort) throws IOException {
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        MailServer mail = new MailServer(greenMail, Http.server(inboxPort));
        mail.inbox.createContext("/api/v1/messages", mail::messages);
        mail.inbox.createContext("/api/v1/message/", mail::message);
        mail.inbox.createContext("/view/", mail::view);
        mail.inbox.createContext("/", mail::page);
        mail.inbox.start();
        return mail;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int inboxPort() {
        return inbox.getAddress().getPort();
    }

    /**
     * The messages received so far, oldest first. GreenMail keeps a copy per recipient; like Mailpit, this lists a
     * message once however many recipients it has (copies share their Message-ID).
     */
    public List<MimeMessage> received() {
        Map<String, MimeMessage> once = new LinkedHashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String messageId = messageId(message);
            once.putIfAbsent(messageId == null ? "identity:" + System.identityHashCode(message) : messageId, message);
        }
        return List.copyOf(once.values());
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    private void messages(HttpExchange exchange) throws IOException {
        if ("DELETE".equals(exchange.getRequestMethod())) {
            greenMail.reset();
            Http.send(exchange, 200, "text/plain", "ok");
            return;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        List<MimeMessage> all = received();
        for (int i = all.size() - 1; i >= 0; i--) { // Mailpit lists the newest first
            items.add(summary(all.get(i)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", items.size());
        body.put("unread", items.size());
        body.put("count", items.size());
        body.put("messages_count", items.size());
        body.put("start", 0);
        body.put("tags", List.of());
        body.put("messages", items);
        Http.send(exchange, 200, "application/json", json.writeValueAsString(body));
    }

    /**
     * {@code GET /api/v1/message/{ID}}: the message in Mailpit's shape with its text and HTML parts;
     * {@code /api/v1/message/{ID}/headers}: every header, name to its values in order (as Mailpit, names sorted);
     * {@code /api/v1/message/{ID}/raw}: the message as it was received (RFC 5322), as text.
     */
    private void message(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().substring("/api/v1/message/".length()).split("/", 2);
        String id = path[0];
        String what = path.length > 1 ? path[1] : "";
        List<MimeMessage> all = received();
        MimeMessage message = "latest".equals(id) ? (all.isEmpty() ? null : all.getLast())
                : all.stream().filter(m -> id(m).equals(id)).findFirst().orElse(null);
        if (message == null || !List.of("", "headers", "raw").contains(what)) {
            Http.send(exchange, 404, "text/plain", message == null ? "No message with ID " + id : "Not found");
            return;
        }
        try {
            switch (what) {
                case "headers" -> Http.send(exchange, 200, "application/json", json.writeValueAsString(headers(message)));
                case "raw" -> {
                    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
                    message.writeTo(raw);
                    Http.send(exchange, 200, "text/plain; charset=utf-8", raw.toString(StandardCharsets.UTF_8));
                }
                default -> {
                    Map<String, Object> body = summary(message);
                    body.put("Text", part(message, "text/plain"));
                    body.put("HTML", part(message, "text/html"));
                    Http.send(exchange, 200, "application/json", json.writeValueAsString(body));
                }
            }
        } catch (MessagingException e) {
            Http.send(exchange, 500, "text/plain", "Unreadable message " + id + ": " + e.getMessage());
        }
    }

    /** Header name to its values, in the order they appear, folded lines joined (RFC 5322 unfolding). */
    private static Map<String, List<String>> headers(MimeMessage message) throws MessagingException {
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        for (java.util.Enumeration<jakarta.mail.Header> all = message.getAllHeaders(); all.hasMoreElements();) {
            jakarta.mail.Header header = all.nextElement();
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>())
                    .add(header.getValue() == null ? "" : header.getValue().replaceAll("\\r?\\n(?=[ \\t])", "").strip());
        }
        return headers;
    }

    /**
     * {@code GET /view/{ID}.html} and {@code /view/{ID}.txt}, as Mailpit serves them: one message's HTML or text part
     * alone. The HTML goes out with a sandboxing Content-Security-Policy (no scripts, no origin, nothing fetched but
     * inline styles and images), and the inbox page shows it in a sandboxed frame, never inside its own markup.
     */
    private void view(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/view/".length());
        boolean html = name.endsWith(".html");
        String id = name.replaceFirst("\\.(html|txt)$", "");
        for (MimeMessage message : received()) {
            if (id(message).equals(id) && (html || name.endsWith(".txt"))) {
                if (!html) {
                    Http.send(exchange, 200, "text/plain; charset=utf-8", part(message, "text/plain"));
                    return;
                }
                String body = part(message, "text/html");
                // links open in a new tab rather than inside the frame, as in Mailpit
                Matcher head = HEAD.matcher(body);
                body = head.find() ? body.substring(0, head.end()) + "<base target=\"_blank\">" + body.substring(head.end())
                        : "<base target=\"_blank\">" + body;
                exchange.getResponseHeaders().set("Content-Security-Policy",
                        "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: cid:");
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                Http.send(exchange, 200, "text/html; charset=utf-8", body);
                return;
            }
        }
        Http.send(exchange, 404, "text/plain", "No message with ID " + name);
    }

    /** The inbox as people read it: newest first, addresses as written, each message's HTML part and its text part. */
    private void page(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            Http.send(exchange, 404, "text/plain", "Not found");
            return;
        }
        StringBuilder rows = new StringBuilder();
        List<MimeMessage> all = received();
        for (int i = all.size() - 1; i >= 0; i--) {
            MimeMessage message = all.get(i);
            Map<String, Object> m = summary(message);
            String id = (String) m.get("ID");
            boolean hasHtml = !part(message, "text/html").isEmpty();
            rows.append("<details").append(i == all.size() - 1 ? " open" : "").append("><summary><strong>")
                    .append(Http.escape((String) m.get("Subject"))).append("</strong><span class=\"meta\">")
                    .append("<span>From ").append(Http.escape(written(message, "From"))).append("</span>")
                    .append("<span>To ").append(Http.escape(written(message, "To"))).append("</span>")
                    .append("<time datetime=\"").append(m.get("Created")).append("\">").append(Http.escape(readable((String) m.get("Created"))))
                    .append("</time></span></summary>");
            if (hasHtml) {
                rows.append("<iframe sandbox=\"allow-popups allow-popups-to-escape-sandbox\" loading=\"lazy\" title=\"HTML part\" src=\"/view/")
                        .append(id).append(".html\"></iframe>")
                        .append("<details class=\"text\"><summary>Text part</summary><pre>")
                        .append(Http.escape(part(message, "text/plain"))).append("</pre></details>");
            } else {
                rows.append("<pre>").append(Http.escape(part(message, "text/plain"))).append("</pre>");
            }
            rows.append("<p class=\"links\"><a href=\"/view/").append(id).append(".html\" target=\"_blank\">HTML</a> · <a href=\"/view/")
                    .append(id).append(".txt\" target=\"_blank\">Text</a> · <a href=\"/api/v1/message/").append(id)
                    .append("\" target=\"_blank\">JSON</a> · <a href=\"/api/v1/message/").append(id)
                    .append("/headers\" target=\"_blank\">Headers</a> · <a href=\"/api/v1/message/").append(id)
                    .append("/raw\" target=\"_blank\">Raw</a></p></details>");
        }
        Http.send(exchange, 200, "text/html; charset=utf-8", """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contingo devstack inbox</title>
                <style>body{font:15px system-ui,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1f2933}
                details{border:1px solid #d9e2ec;border-radius:6px;margin:.5rem 0;padding:.6rem}
                summary{cursor:pointer} .meta{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;color:#616e7c;font-size:.9rem;margin:.2rem 0 0 1rem}
                iframe{display:block;width:100%%;height:38rem;border:1px solid #e4e7eb;border-radius:4px;margin:.6rem 0;resize:vertical;background:#fff}
                details.text{border:0;padding:0} pre{white-space:pre-wrap;background:#f5f7fa;padding:.6rem;border-radius:4px}
                .links{margin:.4rem 0 0;font-size:.9rem}</style></head><body><h1>Inbox (%d)</h1>
                <p>Every email sent to the devstack's SMTP server (port %d), newest first. <span id="zone">Times in UTC.</span>
                JSON: <code>/api/v1/messages</code>.</p>%s
                <script>
                  // times in the reader's own time zone, as Mailpit shows them; without scripts they stay in UTC
                  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
                  document.querySelectorAll("time[datetime]").forEach(t => t.textContent = new Date(t.dateTime).toLocaleString());
                  document.getElementById("zone").textContent = "Times in " + zone + ".";
                </script>
                </body></html>""".formatted(all.size(), smtpPort(), rows.isEmpty() ? "<p>No email yet.</p>" : rows));
    }

    /** An address header as people write it: "Name <address>", or the address alone; several joined with commas. */
    private static String written(MimeMessage message, String header) {
        try {
            Address[] addresses = "From".equals(header) ? message.getFrom() : message.getRecipients(Message.RecipientType.TO);
            List<String> out = new ArrayList<>();
            for (Address a : addresses == null ? new Address[0] : addresses) {
                Map<String, String> address = address(a);
                out.add(address.get("Name").isEmpty() ? address.get("Address") : address.get("Name") + " <" + address.get("Address") + ">");
            }
            return String.join(", ", out);
        } catch (MessagingException e) {
            return "";
        }
    }

    /** "2026-11-26 09:15:40 UTC". */
    private static String readable(String isoInstant) {
        return isoInstant.replace('T', ' ').replaceFirst("(\\.\\d+)?Z$", " UTC");
    }

    private Map<String, Object> summary(MimeMessage message) {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ID", id(message));
            m.put("MessageID", message.getMessageID());
            m.put("From", address(message.getFrom() == null ? null : message.getFrom()[0]));
            m.put("To", addresses(message.getRecipients(Message.RecipientType.TO)));
            m.put("Cc", addresses(message.getRecipients(Message.RecipientType.CC)));
            m.put("Subject", message.getSubject());
            Instant created = message.getSentDate() == null ? Instant.now() : message.getSentDate().toInstant();
            m.put("Created", created.toString());
            m.put("Size", message.getSize());
            String text = part(message, "text/plain");
            m.put("Snippet", text.length() > 200 ? text.substring(0, 200) : text);
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException("Unreadable message in the inbox", e);
        }
    }

    private static List<Map<String, String>> addresses(Address[] addresses) {
        List<Map<String, String>> out = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                out.add(address(a));
            }
        }
        return out;
    }

    private static Map<String, String> address(Address address) {
        if (address instanceof InternetAddress internet) {
            return Map.of("Name", internet.getPersonal() == null ? "" : internet.getPersonal(), "Address", internet.getAddress());
        }
        return Map.of("Name", "", "Address", address == null ? "" : address.toString());
    }

    /** A stable ID per message: a digest of its Message-ID header. */
    private static String id(MimeMessage message) {
        try {
            String key = message.getMessageID() == null ? String.valueOf(System.identityHashCode(message)) : message.getMessageID();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (MessagingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded body part of the given type, or "" when the message has none. */
    public static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return String.valueOf(part.getContent());
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), type);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
            return "";
        } catch (MessagingException | IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        inbox.stop(0);
        greenMail.stop();
    }
}
