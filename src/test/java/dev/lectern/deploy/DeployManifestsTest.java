package dev.lectern.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lectern.store.qdrant.QdrantConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deploy/ files parse and hold what the deployment needs. No Docker engine or Kubernetes cluster runs where
 * Lectern is built, so this is as far as they are checked here.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Pattern PINNED_QDRANT = Pattern.compile("qdrant/qdrant:v\\d+\\.\\d+\\.\\d+");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void composeRunsLecternOnAPinnedQdrantWithAVolume() throws IOException {
        JsonNode compose = YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile());
        JsonNode qdrant = compose.at("/services/qdrant");
        assertTrue(PINNED_QDRANT.matcher(qdrant.path("image").asText()).matches(), qdrant.toString());
        String volume = qdrant.path("volumes").get(0).asText();
        assertTrue(volume.endsWith(":/qdrant/storage"), volume);
        assertTrue(compose.at("/volumes").has(volume.substring(0, volume.indexOf(':'))), "a named volume");

        JsonNode lectern = compose.at("/services/lectern");
        assertEquals("deploy/Dockerfile", lectern.at("/build/dockerfile").asText());
        assertEquals("qdrant", lectern.at("/depends_on").get(0).asText());
        JsonNode env = lectern.path("environment");
        assertEquals("qdrant", env.path("LECTERN_STORE").asText());
        assertEquals("qdrant", env.path("LECTERN_QDRANT_HOST").asText());
        assertEquals("6334", env.path("LECTERN_QDRANT_PORT").asText());
        env.fieldNames().forEachRemaining(DeployManifestsTest::assertKnownSetting);
    }

    @Test
    void chaosRunPutsTwoLecternsOnAThreePeerClusterOfTheSameQdrant() throws IOException {
        JsonNode services = YAML.readTree(
                        DEPLOY.resolve("chaos/docker-compose.yml").toFile())
                .path("services");
        for (String peer : List.of("qdrant-0", "qdrant-1", "qdrant-2")) {
            JsonNode qdrant = services.path(peer);
            assertEquals(composeQdrantImage(), qdrant.path("image").asText(), "the version deploy/ pins");
            assertEquals(
                    "true", qdrant.at("/environment/QDRANT__CLUSTER__ENABLED").asText());
        }
        for (String replica : List.of("lectern-a", "lectern-b")) {
            JsonNode env = services.path(replica).path("environment");
            assertEquals("qdrant", env.path("LECTERN_STORE").asText());
            assertTrue(env.path("LECTERN_QDRANT_HOST").asText().startsWith("qdrant-"), env.toString());
            assertEquals("1", env.path("LECTERN_QDRANT_WRITE_CONSISTENCY").asText(), "see docs/qdrant.md");
            env.fieldNames().forEachRemaining(DeployManifestsTest::assertKnownSetting);
        }
        assertTrue(Files.isExecutable(DEPLOY.resolve("chaos/run.sh")), "deploy/chaos/run.sh is run as a program");
    }

    @Test
    void dockerfileRunsThePackagedAppAsNonRoot() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile"));
        assertTrue(lines.stream().anyMatch(l -> l.matches("FROM eclipse-temurin:17-jre.*")), "a Java 17 JRE");
        assertTrue(lines.stream().anyMatch(l -> l.contains("target/quarkus-app/lib/")), "copies the fast jar");
        String user = lines.stream()
                .filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertFalse(user.matches("USER (root|0)(:.*)?"), user);
        assertTrue(lines.stream().anyMatch(l -> l.contains("quarkus-run.jar")));
    }

    @Test
    void qdrantIsAThreePeerClusterWithPersistentVolumes() throws IOException {
        Map<String, JsonNode> k8s = kubernetes();
        JsonNode statefulSet = k8s.get("StatefulSet/qdrant");
        assertEquals(3, statefulSet.at("/spec/replicas").asInt());
        assertEquals("qdrant-headless", statefulSet.at("/spec/serviceName").asText());
        JsonNode container = statefulSet.at("/spec/template/spec/containers").get(0);
        assertTrue(PINNED_QDRANT.matcher(container.path("image").asText()).matches());
        assertEquals("true", env(container).get("QDRANT__CLUSTER__ENABLED"));
        assertTrue(container.path("args").get(0).asText().contains("--bootstrap"), "peers join peer 0");
        JsonNode claim = statefulSet.at("/spec/volumeClaimTemplates").get(0);
        assertFalse(claim.at("/spec/resources/requests/storage").asText().isEmpty());
        assertEquals(
                claim.at("/metadata/name").asText(),
                container.at("/volumeMounts").get(0).path("name").asText());
        assertEquals(
                "/qdrant/storage",
                container.at("/volumeMounts").get(0).path("mountPath").asText());
        assertTrue(k8s.get("Service/qdrant-headless")
                .at("/spec/clusterIP")
                .asText()
                .equals("None"));
        assertNotNull(k8s.get("Service/qdrant"));
        assertEquals(composeQdrantImage(), container.path("image").asText(), "compose and Kubernetes run one version");
    }

    @Test
    void lecternIsStatelessReplicasWithProbesServiceAndAutoscaler() throws IOException {
        Map<String, JsonNode> k8s = kubernetes();
        JsonNode deployment = k8s.get("Deployment/lectern");
        assertTrue(deployment.at("/spec/replicas").asInt() >= 2, "several replicas");
        JsonNode container = deployment.at("/spec/template/spec/containers").get(0);
        assertEquals(
                "/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(
                "/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertFalse(container.at("/resources/requests/cpu").asText().isEmpty());
        assertFalse(container.at("/resources/requests/memory").asText().isEmpty());
        Map<String, String> env = env(container);
        assertEquals("qdrant", env.get("LECTERN_STORE"));
        assertEquals("qdrant", env.get("LECTERN_QDRANT_HOST"));
        env.keySet().forEach(DeployManifestsTest::assertKnownSetting);
        int replication = Integer.parseInt(env.get("LECTERN_QDRANT_REPLICATION_FACTOR"));
        assertTrue(replication >= 2, "one peer may restart with every lecture searchable");
        // Write consistency 1: Qdrant counts dead copies toward it (update.rs), so a higher value stops every
        // write to a shard while one of its copies is down; see docs/qdrant.md, "Replicas".
        assertEquals(1, Integer.parseInt(env.get("LECTERN_QDRANT_WRITE_CONSISTENCY")), "see docs/qdrant.md");

        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        JsonNode service = k8s.get("Service/lectern");
        service.at("/spec/selector")
                .fields()
                .forEachRemaining(
                        entry -> assertEquals(entry.getValue(), labels.path(entry.getKey()), "selects the pods"));
        assertEquals("http", service.at("/spec/ports").get(0).path("targetPort").asText());

        JsonNode hpa = k8s.get("HorizontalPodAutoscaler/lectern");
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals("lectern", hpa.at("/spec/scaleTargetRef/name").asText());
        assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2);
        assertTrue(hpa.at("/spec/maxReplicas").asInt()
                > hpa.at("/spec/minReplicas").asInt());
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization =
                YAML.readTree(DEPLOY.resolve("k8s/kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(node -> listed.add(node.asText()));
        try (var files = Files.list(DEPLOY.resolve("k8s"))) {
            List<String> manifests = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .sorted()
                    .toList();
            assertEquals(manifests, listed.stream().sorted().toList());
        }
    }

    /** Every Kubernetes document in deploy/k8s, by kind/name. */
    private static Map<String, JsonNode> kubernetes() throws IOException {
        Map<String, JsonNode> documents = new HashMap<>();
        try (var files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file :
                    files.filter(p -> !p.endsWith("kustomization.yaml")).toList()) {
                try (MappingIterator<JsonNode> docs =
                        YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        assertFalse(doc.path("apiVersion").asText().isEmpty(), file + ": " + doc);
                        documents.put(
                                doc.path("kind").asText() + "/"
                                        + doc.at("/metadata/name").asText(),
                                doc);
                    }
                }
            }
        }
        return documents;
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container
                .path("env")
                .forEach(var ->
                        env.put(var.path("name").asText(), var.path("value").asText()));
        return env;
    }

    private static String composeQdrantImage() throws IOException {
        return YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile())
                .at("/services/qdrant/image")
                .asText();
    }

    /** An environment variable a manifest sets for Lectern must name a real setting. */
    private static void assertKnownSetting(String variable) {
        if (!variable.startsWith("LECTERN_QDRANT_")) {
            assertTrue(
                    List.of("LECTERN_STORE", "LECTERN_API_KEY", "LECTERN_DATA_DIR")
                            .contains(variable),
                    variable);
            return;
        }
        String[] words = variable.substring("LECTERN_QDRANT_".length())
                .toLowerCase(Locale.ROOT)
                .split("_");
        StringBuilder method = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            method.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        assertTrue(
                Arrays.stream(QdrantConfig.class.getMethods())
                        .map(Method::getName)
                        .anyMatch(name -> name.equals(method.toString())),
                variable + " is not a lectern.qdrant setting");
    }
}
