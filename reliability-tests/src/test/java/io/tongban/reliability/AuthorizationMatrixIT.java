package io.tongban.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tongban.testsupport.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8, security: who may call what, for every public endpoint of every service, in one table
 * ({@link #MATRIX}), checked against the packaged platform this module already runs. For each endpoint:
 * anonymous → 401; a caller without the endpoint's role → 403 (the applicant and the clerk on ops endpoints);
 * applicant B on applicant A's matter → 404; a clerk of another department on a department's task or material
 * → 404; and the right caller → 2xx, or, where a 2xx needs a state the shared platform does not reach (a clerk
 * queue, an open supplement request), at least not refused by authorization, with the module test that shows
 * the 2xx named in the row. Department callbacks: unsigned, forged signature and stale timestamp → 401 here;
 * the replayed request id is {@code ResultCallbackSecurityTest#aReplayedCallbackIsRefusedEvenWithAValidSignature}
 * (a replay is only detectable after a first use that records an answer, which needs a task the gateway is
 * still waiting on). The table is compared with the OpenAPI document each service serves
 * ({@code /q/openapi}): an endpoint added to a service but missing here fails the build.
 * Not in the table: the department simulator, which stands in for the departments' own systems.
 */
@ExtendWith(RunningPlatform.class)
class AuthorizationMatrixIT {
    static final String APPLICANT = "applicant";
    static final String CLERK = "clerk";
    static final String OPS = "ops";
    static final Set<String> ROLES = Set.of(APPLICANT, CLERK, OPS);

    /** Who an endpoint belongs to, beyond its roles. */
    enum Scope {
        /** Anyone, without a token. */
        PUBLIC,
        /** One applicant's matter: another applicant gets 404, as for a matter that does not exist. */
        OWN_MATTER,
        /** The caller's own data ("me"): there is no other applicant's version of it to ask for. */
        OWN_DATA,
        /** A department's task or the data its task declares: a clerk of another department gets 404. */
        OWN_DEPARTMENT,
        /** Operators only. */
        OPS_VIEW,
        /** No token: a department's HMAC signature over timestamp, request id and body. */
        SIGNED_CALLBACK
    }

    /**
     * One endpoint: its service, method and path as OpenAPI spells them, its roles and scope, and what the
     * right caller gets here ({@code proofOf2xx} names the module test showing the 2xx when the live check can
     * only show that authorization let the caller through).
     */
    record Row(String service, String method, String path, Set<String> roles, Scope scope, boolean live2xx,
               String proofOf2xx) {
        String key() {
            return service + " " + method + " " + path;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static Row live(String service, String method, String path, Scope scope, String... roles) {
        return new Row(service, method, path, Set.of(roles), scope, true, null);
    }

    static Row stateful(String service, String method, String path, Scope scope, String proofOf2xx, String... roles) {
        return new Row(service, method, path, Set.of(roles), scope, false, proofOf2xx);
    }

    static final String INTAKE = "intake-service";
    static final String ORCHESTRATOR = "orchestrator";
    static final String GATEWAY = "department-gateway";
    static final String STATUS = "status-service";

    static final List<Row> MATRIX = List.of(
            // intake-service
            live(INTAKE, "GET", "/api/matter-types", Scope.PUBLIC),
            live(INTAKE, "GET", "/api/matter-types/{id}", Scope.PUBLIC),
            live(INTAKE, "POST", "/api/matters", Scope.OWN_DATA, APPLICANT),
            live(INTAKE, "GET", "/api/matters", Scope.OWN_DATA, APPLICANT),
            live(INTAKE, "GET", "/api/matters/{matterId}", Scope.OWN_MATTER, APPLICANT),
            stateful(INTAKE, "POST", "/api/matters/{matterId}/supplements", Scope.OWN_MATTER,
                    "intake MatterLifecycleTest#aSupplementAcceptsOnlyTheRequestedFieldsAndPublishesOnlyThem", APPLICANT),
            stateful(INTAKE, "POST", "/api/matters/{matterId}/withdrawal", Scope.OWN_MATTER,
                    "intake MatterLifecycleTest#anOpenMatterCanBeWithdrawnOnce", APPLICANT),
            stateful(INTAKE, "POST", "/api/matters/{matterId}/rating", Scope.OWN_MATTER,
                    "intake MatterLifecycleTest#aMatterIsRatedOnceAfterItIsDecided", APPLICANT),
            live(INTAKE, "GET", "/api/matters/{matterId}/materials/{name}", Scope.OWN_MATTER, APPLICANT, CLERK),
            // orchestrator: operators verify a matter's chain of signed hand-offs
            live(ORCHESTRATOR, "GET", "/ops/matters/{matterId}/evidence", Scope.OPS_VIEW, OPS),
            // department-gateway
            live(GATEWAY, "GET", "/api/clerk/tasks", Scope.OWN_DEPARTMENT, CLERK),
            live(GATEWAY, "GET", "/ops/stalled-tasks", Scope.OPS_VIEW, OPS),
            stateful(GATEWAY, "POST", "/api/clerk/tasks/{taskId}/claim", Scope.OWN_DEPARTMENT,
                    "gateway ClerkQueueTest#aClerkClaimsAndCompletesATaskAndTheResultIsPublished", CLERK),
            stateful(GATEWAY, "POST", "/api/clerk/tasks/{taskId}/complete", Scope.OWN_DEPARTMENT,
                    "gateway ClerkQueueTest#aClerkClaimsAndCompletesATaskAndTheResultIsPublished", CLERK),
            stateful(GATEWAY, "POST", "/api/clerk/tasks/{taskId}/reject", Scope.OWN_DEPARTMENT,
                    "gateway ClerkQueueTest#aClerkMustClaimBeforeAnsweringAndCannotTakeAnotherClerksTask", CLERK),
            stateful(GATEWAY, "POST", "/api/clerk/tasks/{taskId}/supplement", Scope.OWN_DEPARTMENT,
                    "gateway ClerkQueueTest#aSupplementRequestClosesTheTaskUntilTheSupplementReopensIt", CLERK),
            stateful(GATEWAY, "POST", "/api/departments/{department}/results", Scope.SIGNED_CALLBACK,
                    "gateway ResultCallbackSecurityTest#aDepartmentWhoseSecretComesFromTheSecretsFileIsAccepted"),
            // status-service
            live(STATUS, "GET", "/api/matters/{matterId}/progress", Scope.OWN_MATTER, APPLICANT),
            live(STATUS, "GET", "/api/matters/{matterId}/progress/stream", Scope.OWN_MATTER, APPLICANT),
            live(STATUS, "GET", "/api/matters/{matterId}/data-access", Scope.OWN_MATTER, APPLICANT),
            live(STATUS, "GET", "/api/applicants/me/matters", Scope.OWN_DATA, APPLICANT),
            live(STATUS, "GET", "/api/applicants/me/suggestions", Scope.OWN_DATA, APPLICANT),
            live(STATUS, "GET", "/api/applicants/me/suggestion-settings", Scope.OWN_DATA, APPLICANT),
            live(STATUS, "PUT", "/api/applicants/me/suggestion-settings", Scope.OWN_DATA, APPLICANT),
            live(STATUS, "GET", "/api/applicants/me/stream", Scope.OWN_DATA, APPLICANT),
            live(STATUS, "GET", "/api/ops/overdue-tasks", Scope.OPS_VIEW, OPS),
            live(STATUS, "GET", "/api/ops/stalled-tasks", Scope.OPS_VIEW, OPS),
            live(STATUS, "GET", "/api/ops/dead-letters", Scope.OPS_VIEW, OPS),
            live(STATUS, "GET", "/api/ops/departments/figures", Scope.OPS_VIEW, OPS),
            live(STATUS, "GET", "/api/ops/matter-types/figures", Scope.OPS_VIEW, OPS),
            live(STATUS, "GET", "/api/ops/consumer-lag", Scope.OPS_VIEW, OPS),
            live(STATUS, "GET", "/api/ops/projection/gaps", Scope.OPS_VIEW, OPS),
            live(STATUS, "POST", "/api/ops/projection/rebuild", Scope.OPS_VIEW, OPS));

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();
    static final String MATERIAL = "marriageCertificate";


    static Platform platform;
    static Map<String, Integer> ports;
    /** Tokens: applicant A (the owner), applicant B, a clerk of the task's department, a clerk of another, ops. */
    static String applicantA;
    static String applicantB;
    static String clerkOfTask;
    static String clerkOfOther;
    static String ops;
    static String matterOfA;
    static String taskOfA;
    static String department;
    static String otherDepartment;
    static Properties secrets;

    @BeforeAll
    static void aMatterOfApplicantA() throws Exception {
        platform = RunningPlatform.platform();
        ports = Map.of(INTAKE, platform.intakePort, ORCHESTRATOR, platform.orchestratorPort,
                GATEWAY, platform.gatewayPort, STATUS, platform.statusPort);
        applicantA = token("authz-applicant-a", APPLICANT);
        applicantB = token("authz-applicant-b", APPLICANT);
        ops = token("authz-ops", OPS);
        // a newborn matter with an optional material, so that the material endpoint has something to refuse
        Reply submitted = submitWithMaterial(applicantA);
        assertThat(submitted.status()).as(submitted.body()).isBetween(200, 299);
        JsonNode answer = JSON.readTree(submitted.body());
        matterOfA = (answer.isArray() ? answer.get(0) : answer).path("matterId").asText();
        JsonNode task = awaitFirstTask(matterOfA);
        taskOfA = task.path("taskId").asText();
        department = task.path("department").asText();
        otherDepartment = department.equals("public-security") ? "health" : "public-security";
        clerkOfTask = token("authz-clerk-" + department, CLERK, department);
        clerkOfOther = token("authz-clerk-" + otherDepartment, CLERK, otherDepartment);
        secrets = new Properties();
        try (InputStream in = Files.newInputStream(platform.home.resolve("keys/department-secrets.properties"))) {
            secrets.load(in);
        }
    }

    @Test
    void theMatrixListsEveryEndpointEachServiceExposesAndNoOther() throws Exception {
        for (String service : List.of(INTAKE, ORCHESTRATOR, GATEWAY, STATUS)) {
            Reply doc = send("GET", url(service, "/q/openapi?format=json"), null, null, Map.of());
            assertThat(doc.status()).as(service + " /q/openapi").isEqualTo(200);
            Set<String> exposed = new TreeSet<>();
            Iterator<Map.Entry<String, JsonNode>> paths = JSON.readTree(doc.body()).path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                        exposed.add(service + " " + method.toUpperCase() + " " + path.getKey());
                    }
                });
            }
            Set<String> listed = MATRIX.stream().filter(r -> r.service().equals(service)).map(Row::key)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(listed).as("the authorization matrix for " + service + " (add new endpoints to MATRIX)")
                    .isEqualTo(exposed);
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyEndpointAnswersEachCallerAsItsRowSays() {
        return MATRIX.stream().map(row -> DynamicContainer.dynamicContainer(row.key(), checks(row)));
    }

    static Stream<DynamicTest> checks(Row row) {
        List<DynamicTest> checks = new ArrayList<>();
        if (row.scope() == Scope.SIGNED_CALLBACK) {
            checks.add(DynamicTest.dynamicTest("unsigned → 401", () -> assertStatus(row, callback(null, now(), id()), 401)));
            checks.add(DynamicTest.dynamicTest("forged signature → 401",
                    () -> assertStatus(row, callback("not-the-department-secret", now(), id()), 401)));
            checks.add(DynamicTest.dynamicTest("stale timestamp → 401", () -> assertStatus(row,
                    callback(secrets.getProperty(department), String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond()),
                            id()), 401)));
            checks.add(DynamicTest.dynamicTest("another department's secret → 401",
                    () -> assertStatus(row, callback(secrets.getProperty(otherDepartment), now(), id()), 401)));
            checks.add(DynamicTest.dynamicTest("signed by the department → past the signature check", () -> {
                Reply reply = callback(secrets.getProperty(department), now(), id());
                // an answer to a task the gateway does not hold for it: authenticated, then not found
                assertThat(reply.status()).as(row + " " + reply.body()).isEqualTo(404);
            }));
            return checks.stream();
        }
        if (row.scope() == Scope.PUBLIC) {
            checks.add(DynamicTest.dynamicTest("anonymous → 2xx", () -> assertOk(row, call(row, null))));
            return checks.stream();
        }
        checks.add(DynamicTest.dynamicTest("anonymous → 401", () -> assertStatus(row, call(row, null), 401)));
        checks.add(DynamicTest.dynamicTest("invalid token → 401", () -> assertStatus(row, call(row, "not.a.token"), 401)));
        for (String role : ROLES) {
            if (!row.roles().contains(role)) {
                checks.add(DynamicTest.dynamicTest(role + " (not allowed) → 403",
                        () -> assertStatus(row, call(row, tokenOf(role)), 403)));
            }
        }
        if (row.scope() == Scope.OWN_MATTER) {
            checks.add(DynamicTest.dynamicTest("applicant B on A's matter → 404", () -> assertStatus(row, call(row, applicantB), 404)));
        }
        if (row.roles().contains(CLERK) && row.path().contains("{")) {
            checks.add(DynamicTest.dynamicTest("clerk of another department → 404",
                    () -> assertStatus(row, call(row, clerkOfOther), 404)));
        }
        String right = row.roles().contains(APPLICANT) ? applicantA : row.roles().contains(CLERK) ? clerkOfTask : ops;
        if (row.live2xx()) {
            checks.add(DynamicTest.dynamicTest("the right caller → 2xx", () -> assertOk(row, call(row, right))));
        } else {
            checks.add(DynamicTest.dynamicTest("the right caller → past authorization (2xx: " + row.proofOf2xx() + ")", () -> {
                Reply reply = call(row, right);
                assertThat(reply.status()).as(row + " " + reply.body()).isNotIn(401, 403).isBetween(200, 499);
            }));
        }
        return checks.stream();
    }

    static String tokenOf(String role) {
        return switch (role) {
            case APPLICANT -> applicantA;
            case CLERK -> clerkOfTask;
            default -> ops;
        };
    }

    /** The row's request with its path parameters filled in for applicant A's matter and its first task. */
    static Reply call(Row row, String token) throws Exception {
        String path = row.path().replace("{matterId}", matterOfA).replace("{id}", "newborn")
                .replace("{name}", MATERIAL).replace("{taskId}", taskOfA).replace("{department}", department);
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        String body = null;
        if (row.method().equals("POST") || row.method().equals("PUT")) {
            body = bodyFor(row.path());
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return send(row.method(), url(row.service(), path), body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json", headers);
    }

    /** A valid body for each writing endpoint, so that a refusal is about the caller, not the request. */
    static String bodyFor(String path) {
        if (path.equals("/api/matters")) {
            return new MatterForms(Instant.now().toEpochMilli()).submission("newborn");
        }
        if (path.endsWith("/supplements")) {
            return "{\"form\": {\"father\": {\"phone\": \"13912345678\"}}}";
        }
        if (path.endsWith("/withdrawal")) {
            return "{\"reason\": \"authorization matrix\"}";
        }
        if (path.endsWith("/rating")) {
            return "{\"grade\": 5, \"comment\": \"authorization matrix\"}";
        }
        if (path.endsWith("/suggestion-settings")) {
            return "{\"enabled\": true}";
        }
        if (path.endsWith("/complete")) {
            return "{\"outputs\": {\"birthCertificateNo\": \"O-1\"}}";
        }
        if (path.endsWith("/reject")) {
            return "{\"reason\": \"authorization matrix\"}";
        }
        if (path.endsWith("/supplement")) {
            return "{\"items\": [{\"kind\": \"field\", \"name\": \"father.phone\", \"reason\": \"missing\"}]}";
        }
        return "{}";
    }

    static Reply callback(String secret, String timestamp, String requestId) throws Exception {
        String body = "{\"taskId\": \"" + UUID.randomUUID() + "\", \"outcome\": \"completed\", \"outputs\": {\"x\": \"1\"}}";
        Map<String, String> headers = new LinkedHashMap<>();
        if (secret != null) {
            headers.put("X-Tongban-Timestamp", timestamp);
            headers.put("X-Tongban-Request-Id", requestId);
            headers.put("X-Tongban-Signature", sign(secret, timestamp, requestId, body));
        }
        return send("POST", url(GATEWAY, "/api/departments/" + department + "/results"),
                body.getBytes(StandardCharsets.UTF_8), "application/json", headers);
    }

    /** The departments' signing scheme (gateway {@code CallbackSignature}). */
    static String sign(String secret, String timestamp, String requestId, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + requestId + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static void assertStatus(Row row, Reply reply, int expected) {
        assertThat(reply.status()).as(row + " " + reply.body()).isEqualTo(expected);
        // every refusal is an RFC 7807 problem, the security layer's included (STYLE.md)
        assertThat(reply.contentType()).as(row + " -> " + reply.status()).contains("application/problem+json");
    }

    static void assertOk(Row row, Reply reply) {
        assertThat(reply.status()).as(row + " " + reply.body()).isBetween(200, 299);
    }

    static String url(String service, String path) {
        return platform.url(ports.get(service)) + path;
    }

    static String token(String subject, String role, String... department) {
        return platform.token(subject, role, department)
                .orElseThrow(() -> new IllegalStateException("the runtime offers no 'token' command"));
    }

    static Reply submitWithMaterial(String token) throws Exception {
        String boundary = "authz-" + UUID.randomUUID();
        String matter = new MatterForms(42).submission("newborn");
        byte[] pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"matter\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + matter + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + MATERIAL
                + "\"; filename=\"m.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(pdf);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", url(INTAKE, "/api/matters"), body.toByteArray(), "multipart/form-data; boundary=" + boundary,
                Map.of("Authorization", "Bearer " + token, "Idempotency-Key", UUID.randomUUID().toString()));
    }

    /** The matter's first dispatched task, as the status service shows it to its owner. */
    static JsonNode awaitFirstTask(String matterId) {
        return Awaitility.await().atMost(Waits.upTo(Duration.ofSeconds(120))).pollInterval(Duration.ofMillis(250)).until(() -> {
            Reply progress = send("GET", url(STATUS, "/api/matters/" + matterId + "/progress"), null, null,
                    Map.of("Authorization", "Bearer " + applicantA));
            if (progress.status() == 200) {
                for (JsonNode task : JSON.readTree(progress.body()).path("tasks")) {
                    if (!task.path("taskId").asText().isEmpty()) {
                        return task;
                    }
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    record Reply(int status, String contentType, String body) {
    }

    /** One request; an event stream is answered by its status and headers, then closed. */
    static Reply send(String method, String url, byte[] body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<InputStream> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        String type = r.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = r.body()) {
            String text = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(r.statusCode(), type, text);
        }
    }
}
