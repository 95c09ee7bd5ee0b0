package io.contingo.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.contingo.devstack.FreePorts;

/**
 * The SMTP address a service is given, on loopback, in front of the devstack's mail server. It passes each connection
 * through to that server, or plays a failing one: nothing listening (connections refused), or a server that greets and
 * then answers every command after EHLO with one reply (a 4xx: try again later; a 5xx: refused).
 */
final class SmtpFault implements AutoCloseable {

    private final int port = FreePorts.next();
    private final int smtpPort;
    private final Map<String, Integer> answered = new ConcurrentHashMap<>();
    private volatile String reply; // null: through to the real server
    private ServerSocket listening; // null: down

    private SmtpFault(int smtpPort) {
        this.smtpPort = smtpPort;
    }

    /** Listens on a free port, passing every connection through to the SMTP server on {@code smtpPort}. */
    static SmtpFault passingTo(int smtpPort) throws IOException {
        SmtpFault fault = new SmtpFault(smtpPort);
        fault.passThrough();
        return fault;
    }

    int port() {
        return port;
    }

    /** Stops listening: a connection is refused. */
    synchronized void down() throws IOException {
        if (listening != null) {
            listening.close();
            listening = null;
        }
    }

    /** Answers every command of a mail transaction with {@code reply}, such as {@code 451 4.3.0 Try again later}. */
    synchronized void answer(String reply) throws IOException {
        this.reply = reply;
        listen();
    }

    synchronized void passThrough() throws IOException {
        this.reply = null;
        listen();
    }

    /** How many commands were answered with the reply of this code ("451", "554"). */
    int answered(String code) {
        return answered.getOrDefault(code, 0);
    }

    private void listen() throws IOException {
        if (listening != null) {
            return;
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listening = server;
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket client = server.accept();
                    String now = reply;
                    Thread.ofVirtual().start(() -> serve(client, now));
                }
            } catch (IOException closed) {
                // down() closed it
            }
        });
    }

    private void serve(Socket client, String reply) {
        try (client) {
            if (reply == null) {
                try (Socket server = new Socket(InetAddress.getLoopbackAddress(), smtpPort)) {
                    Thread up = Thread.ofVirtual().start(() -> copy(client, server));
                    copy(server, client);
                    up.join();
                }
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            send(out, "220 127.0.0.1 ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> send(out, "250 127.0.0.1");
                    case "RSET", "NOOP" -> send(out, "250 2.0.0 OK");
                    case "QUIT" -> {
                        send(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> {
                        answered.merge(reply.substring(0, 3), 1, Integer::sum);
                        send(out, reply);
                    }
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client hung up
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException closed) {
            // either side hung up
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
