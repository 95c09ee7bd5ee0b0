package io.contingo.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts a 50 MB body over a plain socket, with a Content-Length or chunked, written 64 KiB at a time from a
 * generated piece (never 50 MB at once) while the answer is awaited: tells how much of the body had been sent
 * when the answer came, and how long that took.
 */
record OversizedPost(int status, String body, long sentBeforeAnswer, long millis) {

    static final long SIZE = 50L * 1024 * 1024;
    private static final int PIECE = 64 * 1024;

    static OversizedPost send(int port, String path, String credentials, boolean chunked) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(PIECE);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n");
            if (credentials != null) {
                head.append("Authorization: Basic ")
                        .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + SIZE + "\r\n").append("\r\n");
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            AtomicBoolean answered = new AtomicBoolean();
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] piece = new byte[PIECE];
                Arrays.fill(piece, (byte) ' ');
                byte[] chunkHead = (Integer.toHexString(PIECE) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < SIZE && !answered.get()) {
                        if (chunked) {
                            out.write(chunkHead);
                        }
                        out.write(piece);
                        if (chunked) {
                            out.write('\r');
                            out.write('\n');
                        }
                        sent.addAndGet(PIECE);
                    }
                    if (chunked && !answered.get()) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException closed) {
                    // the server closed the connection, or the answer came and the socket was closed
                }
            });
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            long sentBeforeAnswer = sent.get();
            answered.set(true);
            long contentLength = -1;
            boolean chunkedAnswer = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunkedAnswer = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunkedAnswer) {
                for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else if (contentLength >= 0) {
                body.write(in.readNBytes((int) contentLength));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            socket.close();
            writer.join(10_000);
            return new OversizedPost(Integer.parseInt(statusLine.split(" ")[1]), body.toString(StandardCharsets.UTF_8),
                    sentBeforeAnswer, millis);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("connection closed after '" + line + "'");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
