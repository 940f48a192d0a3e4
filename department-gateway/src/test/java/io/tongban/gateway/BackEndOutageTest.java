package io.tongban.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.testsupport.DatabaseOutage;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PostgreSQL away (restarting, refusing connections): a 503 to retry, never a 500, and the service recovers. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class BackEndOutageTest {

    @Test
    void postgresRefusingConnectionsIsA503WithRetryAfterAndTheServiceRecovers() {
        String token = TestTokens.clerk("clerk-outage", "health");
        String path = "/api/clerk/tasks";
        given().auth().oauth2(token).get(path).then().statusCode(200);

        try (DatabaseOutage outage = DatabaseOutage.of("gateway_test")) {
            given().auth().oauth2(token).get(path).then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://tongban.io/problems/unavailable"))
                    .body("detail", containsString("PostgreSQL"));
        }

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> given().auth().oauth2(token).get(path).statusCode() == 200);
    }
}
