package io.contingo.health.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A tiny DNS server on a free UDP port of 127.0.0.1 for tests: answers A queries from a table, NXDOMAIN for
 * other names, SERVFAIL for names listed as failing, and nothing at all for names listed as silent. It
 * remembers the questions it was asked.
 */
final class LocalDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<String>> addresses;
    private final List<String> failing;
    private final List<String> silent;
    private final List<String> questions = new CopyOnWriteArrayList<>();

    private LocalDnsServer(Map<String, List<String>> addresses, List<String> failing, List<String> silent) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.addresses = addresses;
        this.failing = failing;
        this.silent = silent;
    }

    /** @param addresses name (with the final dot) → its A records */
    static LocalDnsServer start(Map<String, List<String>> addresses, List<String> failing, List<String> silent) throws IOException {
        LocalDnsServer server = new LocalDnsServer(addresses, failing, silent);
        Thread.ofVirtual().name("local-dns").start(server::serve);
        return server;
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    List<String> questions() {
        return questions;
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) { // ends when the test closes the socket
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String name = question.getName().toString();
                questions.add(name + " " + Type.string(question.getType()));
                if (silent.contains(name)) {
                    continue;
                }
                byte[] answer = answer(query, question, name).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query, Record question, String name) throws IOException {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        if (failing.contains(name)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (!addresses.containsKey(name)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (question.getType() == Type.A) {
            for (String address : addresses.get(name)) {
                response.addRecord(new ARecord(question.getName(), DClass.IN, 60, InetAddress.getByName(address)), Section.ANSWER);
            }
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
