package io.contingo.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.contingo.devstack.DemoSite;
import io.contingo.devstack.FreePorts;
import io.contingo.events.HealthStatus;
import io.contingo.health.monitor.MonitorBuilder;
import io.contingo.health.monitor.TcpMonitor;
import io.contingo.starter.address.AddressRange;
import io.contingo.starter.address.DenyList;

/** TCP checks against a server socket of the test's own on loopback. */
class TcpCheckTests {

    private final TcpCheck check = new TcpCheck(new DenyList(List.of(AddressRange.valueOf("169.254.0.0/16"))), Socket::new);
    private LineServer server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPortThatAcceptsIsUp() throws IOException {
        server = LineServer.start(line -> null);

        CheckResult result = check.run(MonitorBuilder.tcp("127.0.0.1", server.port()).build());

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.detail()).matches("Connected to 127\\.0\\.0\\.1:\\d+ in \\d+ ms");
        assertThat(result.attributes()).containsEntry("address", "127.0.0.1:" + server.port());
    }

    @Test
    void theReplyToWhatIsSentMustContainTheExpectedText() throws IOException {
        server = LineServer.start(line -> line.equals("PING") ? "+PONG" : "-ERR unknown command '" + line + "'");

        CheckResult pong = check.run(MonitorBuilder.tcp("127.0.0.1", server.port()).send("PING\r\n").expect("PONG").build());
        CheckResult error = check.run(MonitorBuilder.tcp("127.0.0.1", server.port()).send("PONG\r\n").expect("PONG\r\n").build());

        assertThat(pong.status()).isEqualTo(HealthStatus.UP);
        assertThat(pong.detail()).matches("Reply from 127\\.0\\.0\\.1:\\d+ contained \"PONG\" in \\d+ ms");
        assertThat(error.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(error.detail()).matches("Reply from 127\\.0\\.0\\.1:\\d+ did not contain \"PONG\\\\r\\\\n\": it was \"-ERR unknown command 'PONG'\"");
    }

    @Test
    void theDemoMonitorSeesTheDemoSiteAnswerAndFail() throws IOException {
        try (DemoSite site = DemoSite.start("Production", FreePorts.next())) {
            TcpMonitor demo = MonitorBuilder.tcp("127.0.0.1", site.port())
                    .send("GET /telephony/health HTTP/1.0\r\n\r\n").expect("HTTP/1.1 200").build();

            CheckResult up = check.run(demo);
            site.setMode(DemoSite.Mode.DOWN);
            CheckResult down = check.run(demo);

            assertThat(up.status()).isEqualTo(HealthStatus.UP);
            assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(down.detail()).startsWith("Reply from 127.0.0.1:" + site.port()
                    + " did not contain \"HTTP/1.1 200\": it was \"HTTP/1.1 503 Service Unavailable");
        }
    }

    @Test
    void aBannerIsReadWithoutSendingAnything() throws IOException {
        server = LineServer.withBanner("220 mail.test ESMTP ready");

        CheckResult result = check.run(MonitorBuilder.tcp("127.0.0.1", server.port()).expect("220 ").build());

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aServerThatNeverRepliesIsDownWhenTheTimeoutRunsOut() throws IOException {
        server = LineServer.start(line -> null);

        CheckResult result = check.run(MonitorBuilder.tcp("127.0.0.1", server.port()).send("HELLO\n").expect("WELCOME")
                .timeout(Duration.ofMillis(300)).build());

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.detail()).matches("No reply containing \"WELCOME\" from 127\\.0\\.0\\.1:\\d+ within 300 ms");
        assertThat(result.latencyMs()).isNull();
    }

    @Test
    void aServerThatClosesAtOnceIsDown() throws IOException {
        server = LineServer.closingAtOnce();

        CheckResult result = check.run(MonitorBuilder.tcp("127.0.0.1", server.port()).expect("220").build());

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.detail()).matches("127\\.0\\.0\\.1:\\d+ closed the connection without a reply, expected \"220\"");
    }

    @Test
    void aClosedPortIsDown() {
        int port = FreePorts.next();

        CheckResult result = check.run(MonitorBuilder.tcp("127.0.0.1", port).build());

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.detail()).isEqualTo("Connection to 127.0.0.1:" + port + " refused");
    }

    /**
     * A line-based server on loopback: each connection gets the banner, if any, then one reply per line read
     * ({@code null}: none). Connections are held until the server closes, so "no reply" is a real silence.
     */
    private static final class LineServer implements AutoCloseable {

        private final ServerSocket socket;
        private final CountDownLatch closed = new CountDownLatch(1);

        private LineServer(ServerSocket socket) {
            this.socket = socket;
        }

        static LineServer start(Function<String, String> replies) throws IOException {
            return start(null, replies, false);
        }

        static LineServer withBanner(String banner) throws IOException {
            return start(banner, line -> null, false);
        }

        static LineServer closingAtOnce() throws IOException {
            return start(null, line -> null, true);
        }

        private static LineServer start(String banner, Function<String, String> replies, boolean closeAtOnce) throws IOException {
            LineServer server = new LineServer(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()));
            Thread.ofVirtual().start(() -> {
                while (!server.socket.isClosed()) {
                    try {
                        Socket connection = server.socket.accept();
                        Thread.ofVirtual().start(() -> server.serve(connection, banner, replies, closeAtOnce));
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
            return server;
        }

        private void serve(Socket connection, String banner, Function<String, String> replies, boolean closeAtOnce) {
            try (connection) {
                if (closeAtOnce) {
                    return;
                }
                OutputStream out = connection.getOutputStream();
                if (banner != null) {
                    out.write((banner + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                String reply = line == null ? null : replies.apply(line);
                if (reply != null) {
                    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                closed.await(5, TimeUnit.SECONDS); // silent until the test ends (bounded)
            } catch (IOException e) {
                // the probe went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            closed.countDown();
            socket.close();
        }
    }
}
