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
 * tests and demo use: {@code GET /api/v1/messages}, {@code GET /api/v1/message/{ID}},
 * {@code DELETE /api/v1/messages}. Mail is kept in memory.
 */
public final class MailServer implements AutoCloseable {

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

    /** The messages received so far, oldest first. */
    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
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

    private void message(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/api/v1/message/".length());
        for (MimeMessage message : received()) {
            if (id(message).equals(id)) {
                Map<String, Object> body = summary(message);
                body.put("Text", part(message, "text/plain"));
                body.put("HTML", part(message, "text/html"));
                Http.send(exchange, 200, "application/json", json.writeValueAsString(body));
                return;
            }
        }
        Http.send(exchange, 404, "text/plain", "No message with ID " + id);
    }

    private void page(HttpExchange exchange) throws IOException {
        StringBuilder rows = new StringBuilder();
        List<MimeMessage> all = received();
        for (int i = all.size() - 1; i >= 0; i--) {
            Map<String, Object> m = summary(all.get(i));
            rows.append("<details><summary><strong>").append(Http.escape((String) m.get("Subject")))
                    .append("</strong> · to ").append(Http.escape(String.valueOf(m.get("To"))))
                    .append(" · ").append(m.get("Created")).append("</summary><pre>")
                    .append(Http.escape(part(all.get(i), "text/plain"))).append("</pre></details>");
        }
        Http.send(exchange, 200, "text/html; charset=utf-8", """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contingo devstack inbox</title>
                <style>body{font:15px system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1f2933}
                details{border:1px solid #d9e2ec;border-radius:6px;margin:.5rem 0;padding:.6rem}
                pre{white-space:pre-wrap}</style></head><body><h1>Inbox (%d)</h1>
                <p>Every email sent to the devstack's SMTP server (port %d). JSON: <code>/api/v1/messages</code>.</p>%s
                </body></html>""".formatted(all.size(), smtpPort(), rows.isEmpty() ? "<p>No email yet.</p>" : rows));
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
