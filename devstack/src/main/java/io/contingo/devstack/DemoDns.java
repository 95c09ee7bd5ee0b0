package io.contingo.devstack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * The demo's DNS server, on UDP: it holds the zone {@value #ZONE} with one name per demo site, each resolving to
 * the address the site listens on, so that a DNS monitor has something of its own to ask. A name follows its
 * site: while the site is DOWN the server answers SERVFAIL, while it hangs it does not answer at all. Other
 * names get NXDOMAIN; nothing is ever forwarded.
 */
public final class DemoDns implements AutoCloseable {

    public static final String ZONE = "demo.contingo.test.";

    private static final Logger log = LoggerFactory.getLogger(DemoDns.class);

    private final DatagramSocket socket;
    private final Map<String, DemoSite> sites;
    private final InetAddress address;

    private DemoDns(DatagramSocket socket, Map<String, DemoSite> sites, InetAddress address) {
        this.socket = socket;
        this.sites = sites;
        this.address = address;
    }

    /** Answers {@code production.demo.contingo.test} and {@code contingency.demo.contingo.test} with {@code answer}. */
    public static DemoDns start(String bind, int port, String answer, DemoSite production, DemoSite contingency) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bind), port));
        DemoDns dns = new DemoDns(socket, Map.of("production." + ZONE, production, "contingency." + ZONE, contingency),
                InetAddress.getByName(answer));
        Thread.ofPlatform().name("demo-dns").daemon().start(dns::serve);
        return dns;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                if (question == null) {
                    continue;
                }
                DemoSite site = sites.get(question.getName().toString().toLowerCase(Locale.ROOT));
                if (site != null && site.mode() == DemoSite.Mode.HANG) {
                    continue;
                }
                byte[] answer = answer(query, question, site).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (WireParseException e) {
                log.debug("Not a DNS query: {}", e.getMessage());
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("Demo DNS: {}", e.getMessage());
                }
            }
        }
    }

    private Message answer(Message query, Record question, DemoSite site) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        if (site == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (site.mode() == DemoSite.Mode.DOWN) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (question.getType() == Type.A && question.getDClass() == DClass.IN) {
            response.addRecord(new ARecord(question.getName(), DClass.IN, 60, address), Section.ANSWER);
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
