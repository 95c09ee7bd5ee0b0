package io.contingo.incident.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which clients get the gzip form: those whose Accept-Encoding names gzip (or *) with a weight above 0. */
class ServedBodyTests {

    @ParameterizedTest(name = "[{0}] accepts gzip: {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "NONE | false",
            "'' | false",
            "gzip | true",
            "gzip, deflate, br, zstd | true",
            "GZIP | true",
            "x-gzip | true",
            "br;q=1.0, gzip;q=0.8, *;q=0.1 | true",
            "gzip;q=0 | false",
            "gzip; q=0.000 | false",
            "gzip;q=0.001 | true",
            "deflate, br | false",
            "identity | false",
            "* | true",
            "*;q=0 | false",
            "gzip;q=0, * | false",
            "gzipped | false" })
    void acceptsGzip(String acceptEncoding, boolean expected) {
        assertThat(ServedBody.acceptsGzip(acceptEncoding)).isEqualTo(expected);
    }
}
