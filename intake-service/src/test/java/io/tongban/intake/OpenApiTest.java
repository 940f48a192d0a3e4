package io.tongban.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.testsupport.PlatformTestResources;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class OpenApiTest {

    @Test
    void theOpenApiDocumentListsEveryEndpointWithExamples() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("\"/api/matter-types\""))
                .body(containsString("\"/api/matter-types/{id}\""))
                .body(containsString("\"/api/matters\""))
                .body(containsString("\"/api/matters/{matterId}\""))
                .body(containsString("\"/api/matters/{matterId}/supplements\""))
                .body(containsString("\"/api/matters/{matterId}/withdrawal\""))
                .body(containsString("\"/api/matters/{matterId}/rating\""))
                .body(containsString("\"/api/matters/{matterId}/materials/{name}\""))
                .body(containsString("multipart/form-data"))
                .body(containsString("王小明"))
                .body(containsString("bearer"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
