package io.contingo.health.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The condition language: what it accepts, how each operator judges, and what it says when it fails. */
class ConditionTests {

    private static final String JSON = """
            {"status":"UP","version":"2.4.1","uptime":86400,"load":0.75,"ready":true,"owner":null,
             "checks":[{"name":"db","status":"UP","ms":12},{"name":"cache","status":"DOWN","ms":340}],
             "build-info":{"git_commit":"a1b2c3"}}
            """;

    private static Reading status(int status) {
        return new Reading(status, Duration.ofMillis(20), "", null);
    }

    private static Reading responseTime(long millis) {
        return new Reading(200, Duration.ofMillis(millis), "", null);
    }

    private static Reading body(String body) {
        return new Reading(200, Duration.ofMillis(20), body, null);
    }

    private static Reading certificate(Duration expiresIn) {
        return new Reading(200, Duration.ofMillis(20), "", expiresIn);
    }

    private static boolean holds(String condition, Reading reading) {
        return Condition.parse(condition).failure(reading).isEmpty();
    }

    @Nested
    class Operators {

        @ParameterizedTest(name = "{0} with status {1}: {2}")
        @CsvSource({
                "[STATUS] == 200, 200, true", "[STATUS] == 200, 503, false",
                "[STATUS] != 503, 200, true", "[STATUS] != 503, 503, false",
                "[STATUS] < 500, 499, true", "[STATUS] < 500, 500, false",
                "[STATUS] <= 500, 500, true", "[STATUS] <= 500, 501, false",
                "[STATUS] > 199, 200, true", "[STATUS] > 199, 199, false",
                "[STATUS] >= 200, 200, true", "[STATUS] >= 200, 199, false"})
        void compareTheStatus(String condition, int status, boolean holds) {
            assertThat(holds(condition, status(status))).isEqualTo(holds);
        }

        @ParameterizedTest(name = "{0} in {1} ms: {2}")
        @CsvSource({
                "[RESPONSE_TIME] < 800, 799, true", "[RESPONSE_TIME] < 800, 800, false",
                "[RESPONSE_TIME] < 800ms, 799, true", "[RESPONSE_TIME] <= 1s, 1000, true", "[RESPONSE_TIME] <= 1s, 1001, false",
                "[RESPONSE_TIME] > 2s, 2001, true", "[RESPONSE_TIME] >= 1m, 59999, false",
                "[RESPONSE_TIME] == 5, 5, true", "[RESPONSE_TIME] != 5, 5, false"})
        void compareTheResponseTime(String condition, long millis, boolean holds) {
            assertThat(holds(condition, responseTime(millis))).isEqualTo(holds);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "[BODY] contains \"OK\"                 | true",
                "[BODY] contains OK                    | true",
                "[BODY] contains \"all systems go\"     | true",
                "[BODY] contains \"ok\"                 | false",
                "[BODY] == \"OK: all systems go\"       | true",
                "[BODY] != \"OK: all systems go\"       | false",
                "[BODY] == OK                          | false"})
        void judgeTheWholeBodyAsText(String condition, boolean holds) {
            assertThat(holds(condition, body("OK: all systems go\n"))).isEqualTo(holds);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "[BODY].status == UP                   | true",
                "[BODY].status == \"UP\"               | true",
                "[BODY].status != DOWN                 | true",
                "[BODY].version contains 2.4           | true",
                "[BODY].uptime > 3600                  | true",
                "[BODY].uptime >= 86400                | true",
                "[BODY].uptime < 86400                 | false",
                "[BODY].load <= 0.8                    | true",
                "[BODY].load == 0.750                  | true",
                "[BODY].ready == true                  | true",
                "[BODY].owner == null                  | true",
                "[BODY].checks[0].name == db           | true",
                "[BODY].checks[1].status == UP         | false",
                "[BODY].checks[1].ms < 300             | false",
                "[BODY].checks contains cache          | true",
                "[BODY].build-info.git_commit == a1b2c3 | true"})
        void judgeAValueInsideAJsonBody(String condition, boolean holds) {
            assertThat(holds(condition, body(JSON))).isEqualTo(holds);
        }

        @Test
        void aPathCanStartWithAnIndexWhenTheBodyIsAnArray() {
            assertThat(holds("[BODY][1].id == 7", body("[{\"id\":3},{\"id\":7}]"))).isTrue();
        }

        @ParameterizedTest(name = "{0} with {1} left: {2}")
        @CsvSource({
                "[CERTIFICATE_EXPIRATION] > 72h, PT73H, true", "[CERTIFICATE_EXPIRATION] > 72h, PT71H, false",
                "[CERTIFICATE_EXPIRATION] > 30d, P31D, true", "[CERTIFICATE_EXPIRATION] >= 1d, PT23H59M, false"})
        void compareTheCertificatesRemainingLife(String condition, Duration left, boolean holds) {
            assertThat(holds(condition, certificate(left))).isEqualTo(holds);
        }
    }

    @Nested
    class Details {

        @Test
        void aFailedStatusSaysWhatItWas() {
            assertThat(Condition.parse("[STATUS] == 200").failure(status(503)))
                    .contains("[STATUS] == 200 failed: status was 503");
        }

        @Test
        void aSlowAnswerSaysHowSlow() {
            assertThat(Condition.parse("[RESPONSE_TIME] < 800").failure(responseTime(1234)))
                    .contains("[RESPONSE_TIME] < 800 failed: response time was 1234 ms");
        }

        @Test
        void aJsonValueSaysWhatItWas() {
            assertThat(Condition.parse("[BODY].checks[1].status == UP").failure(body(JSON)))
                    .contains("[BODY].checks[1].status == UP failed: [BODY].checks[1].status was \"DOWN\"");
        }

        @Test
        void aMissingJsonValueSaysSo() {
            assertThat(Condition.parse("[BODY].health.status == UP").failure(body(JSON)))
                    .contains("[BODY].health.status == UP failed: [BODY].health.status is missing");
            assertThat(Condition.parse("[BODY].checks[5].name == db").failure(body(JSON)))
                    .contains("[BODY].checks[5].name == db failed: [BODY].checks[5].name is missing");
        }

        @Test
        void aBodyThatIsNotJsonSaysSo() {
            assertThat(Condition.parse("[BODY].status == UP").failure(body("<html>Service Unavailable</html>")))
                    .contains("[BODY].status == UP failed: body is not JSON");
            assertThat(Condition.parse("[BODY].status == UP").failure(body("")))
                    .contains("[BODY].status == UP failed: body is not JSON");
        }

        @Test
        void aTextValueComparedAsANumberSaysItIsNotOne() {
            assertThat(Condition.parse("[BODY].status > 3").failure(body(JSON)))
                    .contains("[BODY].status > 3 failed: [BODY].status was \"UP\", not a number");
        }

        @Test
        void aLongBodyIsShownOnOneLineAndCut() {
            String page = "<html>\n<body>" + "x".repeat(200) + "</body></html>";

            assertThat(Condition.parse("[BODY] contains \"Operational\"").failure(body(page)))
                    .contains("[BODY] contains \"Operational\" failed: body was \"<html> <body>" + "x".repeat(47) + "…\"");
        }

        @Test
        void aCertificateAboutToExpireSaysWhen() {
            assertThat(Condition.parse("[CERTIFICATE_EXPIRATION] > 72h").failure(certificate(Duration.ofHours(23).plusMinutes(59))))
                    .contains("[CERTIFICATE_EXPIRATION] > 72h failed: certificate expires in 23 h 59 min");
            assertThat(Condition.parse("[CERTIFICATE_EXPIRATION] > 30d").failure(certificate(Duration.ofDays(12).plusHours(5))))
                    .contains("[CERTIFICATE_EXPIRATION] > 30d failed: certificate expires in 12 d 5 h");
        }

        @Test
        void aCertificateConditionOverPlainHttpFails() {
            assertThat(Condition.parse("[CERTIFICATE_EXPIRATION] > 72h").failure(certificate(null)))
                    .contains("[CERTIFICATE_EXPIRATION] > 72h failed: there was no TLS certificate (not https)");
        }

        @Test
        void theConditionIsQuotedAsWrittenWithoutSurroundingSpaces() {
            assertThat(Condition.parse("  [STATUS]==200 ").failure(status(500))).contains("[STATUS]==200 failed: status was 500");
        }
    }

    @Nested
    class Syntax {

        @Test
        void aConditionKnowsWhatItReads() {
            Condition condition = Condition.parse("[BODY].checks[0].name == \"db \\\"main\\\"\"");

            assertThat(condition.placeholder()).isEqualTo(Placeholder.BODY);
            assertThat(condition.path()).hasToString(".checks[0].name");
            assertThat(condition.operator()).isEqualTo(Operator.EQUAL);
            assertThat(condition.expected().text()).isEqualTo("db \"main\"");
            assertThat(condition.readsBody()).isTrue();
            assertThat(Condition.parse("[CERTIFICATE_EXPIRATION] > 72h").readsCertificate()).isTrue();
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"800ms, PT0.8S", "800, PT0.8S", "30s, PT30S", "5m, PT5M", "72h, PT72H", "30d, PT720H"})
        void durationsTakeAUnit(String written, Duration meant) {
            assertThat(Condition.parse("[RESPONSE_TIME] < " + written).expected().duration()).isEqualTo(meant);
        }

        static Stream<Arguments> mistakes() {
            return Stream.of(
                    Arguments.of("", "the condition is empty", 1),
                    Arguments.of("STATUS == 200", "a condition starts with a placeholder", 1),
                    Arguments.of("[STAUS] == 200", "unknown placeholder [STAUS]", 1),
                    Arguments.of("  [status] == 200", "placeholders are written in capitals: [STATUS]", 3),
                    Arguments.of("[STATUS == 200", "'[' is not closed", 1),
                    Arguments.of("[STATUS]", "an operator is missing", 9),
                    Arguments.of("[STATUS] = 200", "unknown operator '='", 10),
                    Arguments.of("[STATUS] =< 200", "unknown operator '=<'", 10),
                    Arguments.of("[STATUS] ==", "a value is missing after ==", 12),
                    Arguments.of("[STATUS] == abc", "[STATUS] is compared with a whole number such as 200, not 'abc'", 13),
                    Arguments.of("[STATUS] == 200 OK", "unexpected 'OK' after the value", 17),
                    Arguments.of("[STATUS] contains 20", "contains applies to [BODY] only", 10),
                    Arguments.of("[STATUS].code == 200", "[STATUS] has no fields: only [BODY] takes a path", 9),
                    Arguments.of("[RESPONSE_TIME] < fast", "is compared with a duration such as 800ms", 19),
                    Arguments.of("[RESPONSE_TIME] < 800x", "not '800x'", 19),
                    Arguments.of("[CERTIFICATE_EXPIRATION] > 1h30m", "not '1h30m'", 28),
                    Arguments.of("[BODY].status < UP", "< compares numbers and 'UP' is not one", 17),
                    Arguments.of("[BODY]..status == UP", "a field name is missing after '.'", 8),
                    Arguments.of("[BODY].checks[x].name == db", "an array index (a number from 0) is expected after '['", 15),
                    Arguments.of("[BODY].checks[0.name == db", "the '[' opened here is not closed", 14),
                    Arguments.of("[BODY] contains \"OK", "the quote opened here is not closed", 17),
                    Arguments.of("[BODY] containsOK", "unknown operator 'containsOK'", 8),
                    Arguments.of("[BODY] contains OK fine", "unexpected 'fine' after the value (write text with spaces in double quotes)", 20));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("mistakes")
        void aMistakeIsRefusedSayingWhatAndWhere(String condition, String problem, int position) {
            assertThatThrownBy(() -> Condition.parse(condition))
                    .isInstanceOfSatisfying(ConditionSyntaxException.class, e -> {
                        assertThat(e.problem()).contains(problem);
                        assertThat(e.position()).isEqualTo(position);
                        assertThat(e.getMessage()).endsWith(" at position " + position);
                    });
        }

        @Test
        void aMissingConditionIsEmpty() {
            assertThatThrownBy(() -> Condition.parse(null)).hasMessage("the condition is empty at position 1");
        }
    }
}
