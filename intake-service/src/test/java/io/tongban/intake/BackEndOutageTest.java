package io.tongban.intake;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.testsupport.DatabaseOutage;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL away (restarting, refusing connections): a 503 to retry, never a 500, and the retry goes through. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class BackEndOutageTest {

    @Test
    void aSubmitWhilePostgresRefusesConnectionsIsA503WithRetryAfterAndItsRetryIsAccepted() {
        String key = "outage-" + UUID.randomUUID();
        Api.as("applicant-outage").get("/api/matters").then().statusCode(200);

        try (DatabaseOutage outage = DatabaseOutage.of(SubmitMatterTest.DB)) {
            Api.as("applicant-outage").contentType(ContentType.JSON).header("Idempotency-Key", key).body(Api.NEWBORN)
                    .post("/api/matters")
                    .then().statusCode(503)
                    .header("Retry-After", "2")
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://tongban.io/problems/unavailable"))
                    .body("detail", containsString("PostgreSQL"));
            Api.as("applicant-outage").get("/api/matters").then().statusCode(503).header("Retry-After", "2");
        }

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> Api.as("applicant-outage").contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(Api.NEWBORN).post("/api/matters").statusCode() == 202);
    }
}
