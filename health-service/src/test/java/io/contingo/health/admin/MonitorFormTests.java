package io.contingo.health.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.contingo.health.monitor.MonitorDefinition;
import io.contingo.health.monitor.MonitorJson;
import io.contingo.health.monitor.MonitorType;

class MonitorFormTests {

    @Test
    void aStoredMonitorReadsBackFromItsFormUnchanged() {
        MonitorDefinition tcp = MonitorJson.read("""
                {"id":"redis","componentId":"cache","siteId":"production","type":"tcp","url":"tcp://cache.internal:6379",
                 "send":"PING\\r\\n","expect":"+PONG","interval":"30s","timeout":"1s","degradedLatency":"200ms"}""");
        MonitorDefinition backup = MonitorJson.read("""
                {"id":"db-backup","componentId":"db","siteId":"production","type":"backup","rpo":"2h","grace":"15m",
                 "schedule":{"full":"24h","incremental":"2h"},"interval":"1m"}""");
        MonitorDefinition http = MonitorJson.read("""
                {"id":"api","componentId":"api","siteId":"production","url":"https://api.example.com/health","method":"POST",
                 "headers":{"Accept":"application/json","X-Key":"a: b"},"body":"{}","followRedirects":true,
                 "conditions":["[STATUS] == 200","[BODY].status == UP"]}""");
        MonitorDefinition metrics = MonitorJson.read("""
                {"id":"db-host","componentId":"db","siteId":"production","type":"metrics","period":"1m","grace":"30s",
                 "thresholds":{"process":{"absent":"degraded"},"disk":{"degraded":80,"down":95},"clockDrift":{"down":0.5}}}""");

        for (MonitorDefinition definition : List.of(tcp, backup, http, metrics)) {
            MonitorForm.Reading reading = MonitorForm.of(definition).read(null);
            assertThat(reading.problems()).isEmpty();
            assertThat(MonitorJson.read(MonitorJson.write(definition)))
                    .isEqualTo(MonitorJson.read(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(reading.fields())));
        }
        assertThat(MonitorForm.of(tcp).send()).isEqualTo("PING\\r\\n");

        MonitorDefinition backslashes = MonitorJson.read("""
                {"id":"gateway","componentId":"c","siteId":"s","type":"tcp","host":"gw.internal","port":7000,
                 "send":"DIR C:\\\\new\\r\\n","expect":"a\\\\\\\\b"}""");
        MonitorForm.Reading reading = MonitorForm.of(backslashes).read(null);
        assertThat(reading.fields()).as("a literal backslash before an n is not a line break")
                .containsEntry("send", "DIR C:\\new\r\n").containsEntry("expect", "a\\\\b");
        assertThat(MonitorForm.of(backup).schedule()).isEqualTo("full=24h\nincremental=2h");
        assertThat(MonitorForm.of(metrics).thresholds()).isEqualTo("disk degraded=80 down=95\nclockDrift down=0.5\nprocess absent=degraded");
        assertThat(MonitorForm.of(metrics).metricsPeriod()).isEqualTo("1m");
        assertThat(MonitorForm.of(metrics).period()).as("the push section's own period stays empty").isEmpty();
    }

    @Test
    void onlyTheChosenTypesSectionIsReadAndUnreadableValuesAreProblemsOfTheirField() {
        MonitorForm form = new MonitorForm("x", "c", "s", "push", "soon", "3s", "1.5", "", "http://ignored/", "GET", "", "", true, "", "",
                "ignored", "80", "", "", "", "", "A", "", "", "1h", "ten minutes", "", "", "", "5m", "", "disk down=90");
        MonitorForm.Reading reading = form.read(null);
        assertThat(reading.fields()).containsEntry("period", "1h").containsEntry("type", "push")
                .doesNotContainKeys("url", "host", "port", "followRedirects", "grace", "interval", "retries", "thresholds");
        assertThat(reading.problems()).isEqualTo(Map.of(
                "interval", List.of("'soon' is not a duration: write it like 10s, 500ms, 2m or 1h"),
                "retries", List.of("'1.5' is not a whole number"),
                "pushGrace", List.of("'ten minutes' is not a duration: write it like 10s, 500ms, 2m or 1h")));
    }

    @Test
    void thresholdsAreReadOneMetricPerLineAndEachUnreadableLineIsAProblemNamingIt() {
        MonitorForm form = metrics("""
                disk: degraded=80, down=95
                process absent=down

                load degraded=4 down=high
                memory 90
                clockDrift absent=maybe
                disk down=99
                dsk degraded=1""");
        MonitorForm.Reading reading = form.read(null);

        assertThat(reading.fields()).containsEntry("period", "1m").containsEntry("grace", "30s").containsEntry("thresholds", Map.of(
                "disk", Map.of("degraded", 80.0, "down", 95.0), "process", Map.of("absent", "down"), "dsk", Map.of("degraded", 1.0)));
        assertThat(reading.problems()).isEqualTo(Map.of("thresholds", List.of(
                "line 3, load: down 'high' is not a number",
                "line 4, memory: '90' is not degraded=N, down=N or absent=degraded|down",
                "line 5, clockDrift: absent must be degraded or down, not 'maybe'",
                "line 6, disk: the metric is given twice: write its limits on one line")));
        assertThat(metrics("degraded=80").read(null).problems().get("thresholds"))
                .containsExactly("line 1, 'degraded=80', is not 'metric degraded=N down=N' (such as disk degraded=80 down=95, or process absent=down)");
        assertThat(form.thresholdsLineOf("dsk")).isEqualTo(7);
        assertThat(form.thresholdsLineOf("swap")).isZero();
        assertThat(form.formFieldOf("thresholds.dsk")).isEqualTo("thresholds");
        assertThat(form.formFieldOf("period")).isEqualTo("metricsPeriod");
        assertThat(form.formFieldOf("grace")).isEqualTo("metricsGrace");
    }

    private static MonitorForm metrics(String thresholds) {
        return new MonitorForm("db-host", "db", "production", "metrics", "30s", "3s", "0", "", "", "GET", "", "", false, "", "",
                "", "", "", "", "", "", "A", "", "", "", "", "", "", "", "1m", "30s", thresholds);
    }

    @Test
    void problemsOfTheDefinitionLandOnTheFormFieldShowingThem() {
        MonitorForm dns = MonitorForm.blank(MonitorType.DNS);
        MonitorForm backup = MonitorForm.blank(MonitorType.BACKUP);
        MonitorForm tcp = MonitorForm.blank(MonitorType.TCP);
        assertThat(dns.formFieldOf("expect")).isEqualTo("dnsExpect");
        assertThat(tcp.formFieldOf("expect")).isEqualTo("tcpExpect");
        assertThat(tcp.formFieldOf("url")).isEqualTo("tcpUrl");
        assertThat(backup.formFieldOf("grace")).isEqualTo("backupGrace");
        assertThat(MonitorForm.blank(MonitorType.HTTP).formFieldOf("conditions[3]")).isEqualTo("conditions");
        assertThat(MonitorForm.blank(MonitorType.HTTP).formFieldOf("headers.Accept")).isEqualTo("headers");
        assertThat(MonitorForm.blank(MonitorType.HTTP).formFieldOf("intervall")).isNull();
    }
}
