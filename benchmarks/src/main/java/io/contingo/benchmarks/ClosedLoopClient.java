package io.contingo.benchmarks;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A second opinion on wrk's latency figures: {@code connections} threads, each sending GET after GET on its own
 * keep-alive connection and timing every answer with {@code nanoTime}, run in a JVM of its own by
 * {@link StatusPageBenchmark}. The first seconds are not counted (this JVM warms up too). Prints one line:
 * {@code requests seconds mean p50 p90 p99 max errors}, latencies in milliseconds.
 *
 * <p>Its figures obey Little's law (mean latency = connections / throughput), which wrk's do not on a machine
 * whose cores it shares with the server.
 */
public final class ClosedLoopClient {

    private static final int MAX_SAMPLES_PER_CONNECTION = 200_000;

    private ClosedLoopClient() {
    }

    /** Arguments: URL, connections, seconds measured, seconds of warm-up before them. */
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        long measureNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        long warmUpNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        byte[] request = ("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        long from = start + warmUpNanos;
        long until = from + measureNanos;
        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long[] mine = new long[MAX_SAMPLES_PER_CONNECTION + 1];
            samples.add(mine);
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> run(url, request, from, until, mine, errors)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = samples.stream().flatMapToLong(s -> Arrays.stream(s, 1, (int) s[0] + 1)).sorted().toArray();
        double seconds = measureNanos / 1e9;
        if (all.length == 0) {
            System.out.printf(Locale.ROOT, "0 %.3f NaN NaN NaN NaN NaN %d%n", seconds, errors.get());
            return;
        }
        System.out.printf(Locale.ROOT, "%d %.3f %.3f %.3f %.3f %.3f %.3f %d%n", all.length, seconds,
                Arrays.stream(all).average().orElse(0) / 1e6, rank(all, 50), rank(all, 90), rank(all, 99),
                all[all.length - 1] / 1e6, errors.get());
    }

    private static double rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** One connection's loop; {@code samples[0]} counts the latencies stored after it. */
    private static void run(URI url, byte[] request, long from, long until, long[] samples, AtomicLong errors) {
        Socket socket = null;
        while (System.nanoTime() < until) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
                    socket.setSoTimeout(10_000);
                }
                InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                OutputStream out = socket.getOutputStream();
                while (System.nanoTime() < until) {
                    long sent = System.nanoTime();
                    out.write(request);
                    out.flush();
                    boolean keepAlive = readResponse(in);
                    long took = System.nanoTime() - sent;
                    if (sent >= from && samples[0] < MAX_SAMPLES_PER_CONNECTION) {
                        samples[(int) ++samples[0]] = took;
                    }
                    if (!keepAlive) {
                        break;
                    }
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            }
            close(socket);
            socket = null;
        }
    }

    /** Reads one response (Content-Length or chunked); says whether the connection stays open. */
    private static boolean readResponse(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 2") && !status.startsWith("HTTP/1.1 3")) {
            throw new IOException("Answer " + status);
        }
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = true;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                keepAlive = false;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return keepAlive;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
