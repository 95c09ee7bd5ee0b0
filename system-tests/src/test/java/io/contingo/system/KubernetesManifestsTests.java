package io.contingo.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests of {@code deploy/kubernetes}, rendered with Kustomize ({@code kubectl kustomize}, which
 * {@code .ci/run} installs), declare what running Contingo in production needs: two replicas or more of every service
 * with a disruption budget, probes on Actuator's liveness and readiness, resources, an autoscaler for
 * incident-service, and no secret written in them.
 */
class KubernetesManifestsTests {

    private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("incident-service", "health-service", "notification-service", "report-service");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|JAAS|TOKEN|CREDENTIAL|PRIVATE).*");
    private static final Pattern CREDENTIALS_IN_URI = Pattern.compile("://[^/@\\s]+:[^/@\\s]+@");

    @Test
    void theBaseRunsEveryServiceTwiceWithProbesResourcesAndBudgets() throws Exception {
        List<Map<String, Object>> base = render("base");

        for (String service : SERVICES) {
            Map<String, Object> deployment = one(base, "Deployment", service);
            assertThat((Integer) at(deployment, "spec", "replicas")).as(service).isGreaterThanOrEqualTo(2);
            Map<String, Object> container = container(deployment);
            assertThat(at(container, "startupProbe", "httpGet", "path")).as(service).isEqualTo("/actuator/health/liveness");
            assertThat(at(container, "livenessProbe", "httpGet", "path")).as(service).isEqualTo("/actuator/health/liveness");
            assertThat(at(container, "readinessProbe", "httpGet", "path")).as(service).isEqualTo("/actuator/health/readiness");
            assertThat(map(at(container, "resources", "requests"))).as(service).containsKeys("cpu", "memory");
            assertThat(map(at(container, "resources", "limits"))).as(service).containsKey("memory");
            assertThat(at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).as(service).isEqualTo(true);
            assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).as(service).isEqualTo(true);
            assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).as(service).isEqualTo(false);
            // a rolling upgrade never takes a replica away before its successor is ready
            assertThat(at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable")).as(service).isEqualTo(0);
            // settings come from ConfigMaps and a Secret the operator creates, never from values written here
            assertThat(container).as(service).doesNotContainKey("env");
            List<Map<String, Object>> sources = list(container.get("envFrom"));
            assertThat(sources).as(service).anySatisfy(s -> assertThat(at(s, "secretRef", "name")).isEqualTo("contingo-" + service));
            assertThat(sources).filteredOn(s -> s.containsKey("secretRef"))
                    .allSatisfy(s -> assertThat(at(s, "secretRef", "optional")).as("required in production").isNotEqualTo(true));

            Map<String, Object> budget = one(base, "PodDisruptionBudget", service);
            assertThat((Integer) at(budget, "spec", "minAvailable")).isGreaterThanOrEqualTo(1);
            assertThat(at(budget, "spec", "selector", "matchLabels")).isEqualTo(at(deployment, "spec", "selector", "matchLabels"));
            assertThat(at(one(base, "Service", service), "spec", "selector")).isEqualTo(at(deployment, "spec", "selector", "matchLabels"));
            assertThat(at(one(base, "Service", service), "spec", "sessionAffinity")).as("sessions are shared: no stickiness").isNull();
        }
        Map<String, Object> autoscaler = one(base, "HorizontalPodAutoscaler", "incident-service");
        assertThat(at(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo("incident-service");
        assertThat((Integer) at(autoscaler, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
        assertThat(at(one(base, "ConfigMap", "contingo-config"), "data", "CONTINGO_KAFKA_REPLICATION_FACTOR")).isEqualTo("3");
        assertNoSecretIn(base);
    }

    @Test
    void theDemoOverlayNeedsNoSecretAndAsksForTheDemoAccounts() throws Exception {
        List<Map<String, Object>> demo = render("overlays/demo");

        assertThat(at(one(demo, "ConfigMap", "contingo-config"), "data", "CONTINGO_SECURITY_DEMO")).isEqualTo("true");
        for (String service : SERVICES) {
            Map<String, Object> deployment = one(demo, "Deployment", service);
            assertThat(at(deployment, "metadata", "namespace")).isEqualTo("contingo-demo");
            assertThat((Integer) at(deployment, "spec", "replicas")).isGreaterThanOrEqualTo(2);
            assertThat(at(container(deployment), "image")).isEqualTo("contingo/" + service + ":demo");
            assertThat(at(container(deployment), "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(at(one(demo, "ConfigMap", "contingo-" + service), "data", "SPRING_MONGODB_URI")).asString().startsWith("mongodb://");
        }
        assertNoSecretIn(demo);
    }

    @Test
    void noFileUnderDeployHoldsASecret() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(yamls).hasSizeGreaterThan(5);
            for (Path file : yamls) {
                assertNoSecretIn(parse(Files.readString(file)));
            }
        }
    }

    private static void assertNoSecretIn(List<Map<String, Object>> documents) {
        for (Map<String, Object> document : documents) {
            String name = String.valueOf(at(document, "metadata", "name"));
            assertThat(document.get("kind")).as(name).isNotEqualTo("Secret");
            if ("ConfigMap".equals(document.get("kind")) && document.get("data") instanceof Map<?, ?> data) {
                data.forEach((key, value) -> {
                    assertThat(String.valueOf(key)).as("a secret's name in ConfigMap " + name).doesNotMatch(SECRET_NAME);
                    assertThat(String.valueOf(value)).as("credentials in ConfigMap " + name).doesNotContainPattern(CREDENTIALS_IN_URI);
                });
            }
        }
    }

    /** The manifests of a directory as Kustomize renders them; skipped where no kubectl is installed. */
    private static List<Map<String, Object>> render(String directory) throws Exception {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", DEPLOY.resolve(directory).toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException missing) {
            assumeThat(missing).as("kubectl is not installed: .ci/run installs it").isNull();
            throw missing;
        }
        String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize " + directory).isZero();
        return parse(rendered);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                documents.add((Map<String, Object>) map);
            }
        }
        return documents;
    }

    private static Map<String, Object> one(List<Map<String, Object>> documents, String kind, String name) {
        List<Map<String, Object>> found = documents.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name"))).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.getFirst();
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = list(at(deployment, "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    private static Object at(Map<String, Object> document, String... path) {
        Object value = document;
        for (String key : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value;
    }
}
