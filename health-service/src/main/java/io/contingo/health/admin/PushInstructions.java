package io.contingo.health.admin;

import io.contingo.health.monitor.BackupMonitor;
import io.contingo.health.monitor.MetricsMonitor;
import io.contingo.health.monitor.PushMonitor;
import io.contingo.health.monitor.PushedMonitor;

/**
 * How the job or agent of a pushed monitor calls it, as the monitor's page shows it: the URL (a metrics
 * monitor's agent posts to the push URL followed by {@code /metrics}; the API gives the URL without it), a curl
 * example, and for a metrics monitor the agent's command. All null while the monitor has no push URL yet.
 */
record PushInstructions(String pushUrl, String curl, String agent) {

    static PushInstructions of(PushedMonitor monitor, String url) {
        if (url == null) {
            return new PushInstructions(null, null, null);
        }
        return switch (monitor) {
            case PushMonitor heartbeat -> new PushInstructions(url, "curl -fsS -X POST '" + url + "'\n"
                    + "curl -fsS -X POST '" + url + "?status=down&msg=disk%20full'", null);
            case BackupMonitor backup -> new PushInstructions(url, posting(url, "{\"kind\":\"full\",\"sizeBytes\":52428800,\"ok\":true}"), null);
            case MetricsMonitor metrics -> new PushInstructions(url + "/metrics", posting(url + "/metrics",
                    "{\"disk\":42,\"load\":0.52,\"memory\":61,\"process\":true,\"processName\":\"postgres\"}"),
                    "health-service/agent/contingo-agent.sh '" + url + "/metrics' --every 30");
        };
    }

    private static String posting(String url, String json) {
        return "curl -fsS -X POST '" + url + "' \\\n  -H 'Content-Type: application/json' \\\n  -d '" + json + "'";
    }
}
