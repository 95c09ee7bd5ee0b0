package io.contingo.starter.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The pinned resolver: a name held by a check resolves to the addresses checked for it, and to nothing else, until
 * every holder lets it go. Names are made up per test and only ever answered by a pin or by a table standing in for
 * the JVM's own resolver: no test asks a real DNS server.
 */
class PinnedAddressesTests {

    private static final LookupPolicy BOTH = LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6);

    private final List<String> askedBuiltin = new CopyOnWriteArrayList<>();
    /** The JVM's own resolver, as a table: any name it is asked is 127.0.0.9. */
    private final InetAddressResolver builtin = new InetAddressResolver() {
        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) {
            askedBuiltin.add(host);
            return Stream.of(address("127.0.0.9"));
        }

        @Override
        public String lookupByAddress(byte[] address) {
            return "builtin";
        }
    };

    @Test
    void theJvmUsesItSoThatTheHttpClientFindsThePinnedAddresses() throws Exception {
        PinnedAddresses.requireInstalled();
        assertThat(PinnedAddresses.installed()).as("installed through META-INF/services").isTrue();
        String name = "pinned-" + System.nanoTime() + ".contingo.test";
        try (PinnedAddresses.Pin pin = PinnedAddresses.pin(name, List.of(address("127.0.0.3")))) {
            assertThat(InetAddress.getAllByName(name)).containsExactly(address("127.0.0.3"));
        }
    }

    @Test
    void aPinnedNameIsAnsweredWithItsCheckedAddressesUntilItsLastHolderLetsGo() throws Exception {
        String name = "Held-" + System.nanoTime() + ".contingo.test";
        PinnedAddresses.Pin first = PinnedAddresses.pin(name, List.of(address("127.0.0.4")));
        PinnedAddresses.Pin second = PinnedAddresses.pin(name.toLowerCase(), List.of(address("127.0.0.5")));

        assertThat(PinnedAddresses.lookup(name, BOTH, builtin)).as("the latest check's addresses").containsExactly(address("127.0.0.5"));
        first.close();
        assertThat(PinnedAddresses.lookup(name, BOTH, builtin)).containsExactly(address("127.0.0.5"));
        assertThat(askedBuiltin).isEmpty();
        second.close();
        assertThat(PinnedAddresses.lookup(name, BOTH, builtin)).containsExactly(address("127.0.0.9"));
        assertThat(askedBuiltin).containsExactly(name);
    }

    @Test
    void aLookupGetsOnlyTheFamiliesItAsksForInItsOrderAndNoneIsUnknown() throws Exception {
        List<InetAddress> checked = List.of(address("127.0.0.6"), address("::1"));

        assertThat(PinnedAddresses.ordered(checked, LookupPolicy.IPV4 | LookupPolicy.IPV6 | LookupPolicy.IPV6_FIRST))
                .containsExactly(address("::1"), address("127.0.0.6"));
        assertThat(PinnedAddresses.ordered(checked, LookupPolicy.IPV4)).containsExactly(address("127.0.0.6"));
        String name = "v4-" + System.nanoTime() + ".contingo.test";
        try (PinnedAddresses.Pin pin = PinnedAddresses.pin(name, List.of(address("127.0.0.6")))) {
            assertThatThrownBy(() -> PinnedAddresses.lookup(name, LookupPolicy.of(LookupPolicy.IPV6), builtin))
                    .isInstanceOf(UnknownHostException.class);
            assertThat(askedBuiltin).as("never the name's other addresses").isEmpty();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
