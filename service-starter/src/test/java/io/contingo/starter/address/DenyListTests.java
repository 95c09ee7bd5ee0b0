package io.contingo.starter.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deny-list decides from addresses alone: names are resolved through a table here, so no test asks a
 * real DNS server, and nothing here opens a socket.
 */
class DenyListTests {

    private static final List<AddressRange> DEFAULTS = Arrays.stream(new String[] {
            "169.254.0.0/16", "fe80::/10", "169.254.169.254/32", "fd00:ec2::254/128", "100.100.100.200/32"})
            .map(AddressRange::valueOf).toList();

    private final List<String> asked = new ArrayList<>();
    private final Map<String, List<String>> names = Map.of(
            "metadata.test", List.of("169.254.169.254"),
            "half-bad.test", List.of("10.1.2.3", "169.254.169.254"),
            "db.test", List.of("10.1.2.3", "fd12::3"),
            "alibaba.test", List.of("100.100.100.200"),
            "aws6.test", List.of("fd00:ec2::254"));
    private final DenyList denyList = new DenyList(DEFAULTS, host -> {
        asked.add(host);
        List<String> addresses = names.containsKey(host) ? names.get(host)
                : AddressRange.literal(host).map(a -> List.of(host)).orElseThrow(() -> new UnknownHostException(host));
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = AddressRange.literal(addresses.get(i)).orElseThrow();
        }
        return resolved;
    });

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.1.1", "fe80::1", "[fe80::1]", "fd00:ec2::254", "100.100.100.200",
            "::ffff:169.254.169.254"})
    void linkLocalAndMetadataAddressesAreRefusedByDefault(String address) {
        assertThatThrownBy(() -> denyList.resolve(address)).isInstanceOf(TargetRefusedException.class);
        assertThat(denyList.refusesLiteral(address)).isPresent();
    }

    /** Every IPv6 form that carries an IPv4 address, with a denied one in it; read as literals, never sent to. */
    @ParameterizedTest
    @ValueSource(strings = {"::a9fe:a9fe", "::169.254.169.254", "[::a9fe:a9fe]", "64:ff9b::a9fe:a9fe", "64:ff9b::169.254.1.1",
            "64:ff9b:1:a9fe:a9:fe00::", "2002:a9fe:a9fe::1", "2002:a9fe:a9fe:1234:5678::9", "2001:0:4136:e378:8000:63bf:5601:5601",
            "64:ff9b::6464:64c8"})
    void anIpv4AddressEmbeddedInIpv6IsJudgedAsItself(String address) {
        assertThat(denyList.refusesLiteral(address)).as(address).isPresent();
        assertThatThrownBy(() -> denyList.resolve(address)).isInstanceOf(TargetRefusedException.class);
        assertThat(asked).as("a literal is judged without a lookup").allSatisfy(host -> assertThat(AddressRange.literal(host)).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"::a00:1", "64:ff9b::808:808", "2002:a00:1::1", "2001:0:4136:e378:8000:63bf:f5ff:fffe", "2001:db8::1"})
    void anAllowedIpv4AddressEmbeddedInIpv6IsAllowed(String address) throws Exception {
        assertThat(denyList.refusesLiteral(address)).as(address).isEmpty();
        assertThat(denyList.resolve(address)).hasSize(1);
    }

    @Test
    void theBuiltInRangesStayWhenAnOperatorAddsRanges() throws Exception {
        DenyList operators = DenyList.withBuiltIns(List.of(AddressRange.valueOf("10.9.0.0/16")),
                host -> new InetAddress[] {AddressRange.literal(host).orElseThrow()});

        assertThat(operators.ranges()).containsAll(DEFAULTS).contains(AddressRange.valueOf("10.9.0.0/16"));
        for (String denied : List.of("169.254.169.254", "fe80::1", "fd00:ec2::254", "100.100.100.200", "10.9.1.1", "::a9fe:a9fe")) {
            assertThatThrownBy(() -> operators.resolve(denied)).as(denied).isInstanceOf(TargetRefusedException.class);
        }
        assertThat(operators.resolve("10.8.1.1")).hasSize(1);
        assertThat(DenyList.withBuiltIns(List.of()).ranges()).isEqualTo(DenyList.BUILT_IN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.1", "172.16.5.4", "192.168.1.10", "100.100.100.201", "fd12::3", "8.8.8.8"})
    void loopbackPrivateAndOtherAddressesAreAllowed(String address) throws Exception {
        assertThat(denyList.resolve(address)).hasSize(1);
        assertThat(denyList.refusesLiteral(address)).isEmpty();
    }

    @Test
    void aNameIsRefusedWhenItResolvesToADeniedAddress() {
        assertThatThrownBy(() -> denyList.resolve("metadata.test"))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessage("metadata.test resolves to 169.254.169.254, which is in 169.254.0.0/16");
        assertThatThrownBy(() -> denyList.resolve("alibaba.test")).hasMessageContaining("100.100.100.200/32");
        assertThatThrownBy(() -> denyList.resolve("aws6.test")).hasMessageContaining("fd00:ec2::254/128");
    }

    @Test
    void aNameWithOneDeniedAddressAmongGoodOnesIsRefused() {
        assertThatThrownBy(() -> denyList.resolve("half-bad.test"))
                .hasMessage("half-bad.test resolves to 169.254.169.254, which is in 169.254.0.0/16");
    }

    @Test
    void aNameWithAllowedAddressesGivesThemAll() throws Exception {
        assertThat(denyList.resolve("db.test")).extracting(InetAddress::getHostAddress).containsExactly("10.1.2.3", "fd12:0:0:0:0:0:0:3");
    }

    @Test
    void aLiteralIsJudgedWithoutAskingTheResolverAtStartUp() {
        assertThat(denyList.refusesLiteral("169.254.169.254")).contains("169.254.169.254 is in 169.254.0.0/16");
        assertThat(denyList.refusesLiteral("metadata.test")).isEmpty(); // a name: judged at each check
        assertThat(asked).isEmpty();
    }

    @Test
    void anUnknownNameIsUnknown() {
        assertThatThrownBy(() -> denyList.resolve("nowhere.test")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void anEmptyListAllowsEverything() throws Exception {
        DenyList none = new DenyList(List.of(), host -> new InetAddress[] {AddressRange.literal(host).orElseThrow()});

        assertThat(none.resolve("169.254.169.254")).hasSize(1);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "169.254.0.0/16, 169.254.255.255, true", "169.254.0.0/16, 169.255.0.0, false",
            "10.0.0.0/8, 10.200.3.4, true", "172.16.0.0/12, 172.31.255.255, true", "172.16.0.0/12, 172.32.0.0, false",
            "fe80::/10, febf::1, true", "fe80::/10, fec0::1, false", "100.100.100.200, 100.100.100.200, true",
            "0.0.0.0/0, 8.8.8.8, true", "0.0.0.0/0, ::1, false", "fd00:ec2::254/128, fd00:ec2::254, true"})
    void aRangeHoldsTheAddressesOfItsPrefix(String range, String address, boolean contains) {
        assertThat(AddressRange.valueOf(range).contains(AddressRange.literal(address).orElseThrow())).isEqualTo(contains);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.internal", "169.254.0.0/33", "fe80::/129", "10.0.0.0/x", ""})
    void aRangeThatIsNotOneIsRefused(String range) {
        assertThatThrownBy(() -> AddressRange.valueOf(range)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + range + "'");
    }

    @ParameterizedTest(name = "{0} is {1}:{2}")
    @CsvSource({"127.0.0.1:5353, 127.0.0.1, 5353", "ns1.example.com, ns1.example.com, 53", "[::1]:5353, ::1, 5353",
            "::1, ::1, 53", "[fd12::3], fd12::3, 53"})
    void aServerIsReadWithItsPort(String text, String host, int port) {
        assertThat(HostAndPort.parse(text, 53)).isEqualTo(new HostAndPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ns1:0", "ns1:65536", "ns1:dns", "[::1", "[::1]5353"})
    void aServerThatIsNotOneIsRefused(String text) {
        assertThatThrownBy(() -> HostAndPort.parse(text, 53)).isInstanceOf(IllegalArgumentException.class);
    }
}
