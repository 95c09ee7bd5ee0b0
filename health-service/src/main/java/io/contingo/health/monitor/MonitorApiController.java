package io.contingo.health.monitor;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.contingo.health.probe.LatestResults;
import io.contingo.health.probe.LatestResults.LatestResult;
import io.contingo.health.push.PushTokens;

/** {@code GET /api/monitors}: the monitors this service checks, each with its latest result (ADMIN). */
@RestController
class MonitorApiController {

    /**
     * One monitor and its latest result.
     *
     * @param target what it checks: the URL, {@code host:port} or the DNS question
     * @param url     for http monitors, the URL (also in {@code target})
     * @param pushUrl for push and backup monitors, where their job posts (holds the monitor's secret token)
     */
    record MonitorView(String id, String componentId, String siteId, MonitorType type, String target, String url,
            String pushUrl, long intervalMs, long timeoutMs, LatestResult latest) {
    }

    private final MonitorSettings settings;
    private final LatestResults latestResults;
    private final PushTokens pushTokens;

    MonitorApiController(MonitorSettings settings, LatestResults latestResults, PushTokens pushTokens) {
        this.settings = settings;
        this.latestResults = latestResults;
        this.pushTokens = pushTokens;
    }

    @GetMapping("/api/monitors")
    List<MonitorView> monitors() {
        return settings.monitors().stream()
                .map(m -> new MonitorView(m.id(), m.componentId(), m.siteId(), m.type(), m.target(),
                        m.url() == null ? null : m.url().toString(),
                        pushTokens.tokenOf(m.id()).map(token -> ServletUriComponentsBuilder.fromCurrentContextPath()
                                .path("/api/push/{token}").buildAndExpand(token).toUriString()).orElse(null),
                        m.interval().toMillis(), m.timeout().toMillis(),
                        latestResults.of(m.id())))
                .toList();
    }
}
