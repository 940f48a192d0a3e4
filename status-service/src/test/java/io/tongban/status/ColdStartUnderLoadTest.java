package io.tongban.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.testsupport.CpuPressure;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The issue this guards against: on a busy 2-core machine the first requests of a cold status service waited up to
 * 12 s while the event loop parsed HQL and loaded classes, and its log showed "Thread blocked". Here every core is
 * kept busy from before the service starts ({@link CpuPressure}); its first requests must each answer within a few
 * seconds and nothing may have blocked an event loop past Vert.x's limit (2 s) — start-up included. The requests go
 * through the JDK's HTTP client: REST Assured's own first use (Groovy) takes seconds on a loaded machine and would be
 * measured with them.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
@QuarkusTestResource(value = CpuPressure.class, restrictToAnnotatedClass = true)
class ColdStartUnderLoadTest {
    private static final Logger LOG = Logger.getLogger(ColdStartUnderLoadTest.class);
    private static final Duration LIMIT = Waits.upTo(Duration.ofSeconds(5));
    private final HttpClient client = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI root;

    @Test
    void firstRequestsAnswerInTimeAndNoEventLoopWasBlocked() throws Exception {
        String token = TestTokens.applicant("cold-" + UUID.randomUUID());

        assertAnswersInTime(token, "api/applicants/me/matters", 200);
        assertAnswersInTime(token, "api/applicants/me/matters?state=COMPLETED", 200);
        assertAnswersInTime(token, "api/matters/" + UUID.randomUUID() + "/progress", 404);

        String log = Files.readString(CpuPressure.logFile());
        assertThat(log).as("the service warmed its views up at start").contains("applicant views warmed up");
        // Vert.x's BlockedThreadChecker: "Thread Thread[vert.x-eventloop-thread-0,5,main] has been blocked for …"
        assertThat(log).as("an event loop was blocked (see %s)", CpuPressure.logFile())
                .doesNotContain("has been blocked for");
    }

    private void assertAnswersInTime(String token, String path, int status) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(LIMIT.multipliedBy(2)).build();
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.infof("cold GET /%s under CPU pressure: %d in %d ms", path, response.statusCode(), took.toMillis());
        assertThat(response.statusCode()).as("GET /%s: %s", path, response.body()).isEqualTo(status);
        assertThat(took).as("GET /%s, among the first requests under CPU pressure", path).isLessThanOrEqualTo(LIMIT);
    }
}
