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

        for (MonitorDefinition definition : List.of(tcp, backup, http)) {
            MonitorForm.Reading reading = MonitorForm.of(definition).read(null);
            assertThat(reading.problems()).isEmpty();
            assertThat(MonitorJson.read(MonitorJson.write(definition)))
                    .isEqualTo(MonitorJson.read(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(reading.fields())));
        }
        assertThat(MonitorForm.of(tcp).send()).isEqualTo("PING\\r\\n");
        assertThat(MonitorForm.of(backup).schedule()).isEqualTo("full=24h\nincremental=2h");
    }

    @Test
    void onlyTheChosenTypesSectionIsReadAndUnreadableValuesAreProblemsOfTheirField() {
        MonitorForm form = new MonitorForm("x", "c", "s", "push", "soon", "3s", "1.5", "", "http://ignored/", "GET", "", "", true, "", "",
                "ignored", "80", "", "", "", "", "A", "", "", "1h", "ten minutes", "", "", "");
        MonitorForm.Reading reading = form.read(null);
        assertThat(reading.fields()).containsEntry("period", "1h").containsEntry("type", "push")
                .doesNotContainKeys("url", "host", "port", "followRedirects", "grace", "interval", "retries");
        assertThat(reading.problems()).isEqualTo(Map.of(
                "interval", List.of("'soon' is not a duration: write it like 10s, 500ms, 2m or 1h"),
                "retries", List.of("'1.5' is not a whole number"),
                "pushGrace", List.of("'ten minutes' is not a duration: write it like 10s, 500ms, 2m or 1h")));
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
