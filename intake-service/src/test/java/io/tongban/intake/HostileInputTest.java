package io.tongban.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oversized, malformed, wrong-typed or hostile input: a 4xx problem, and nothing written. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class HostileInputTest {
    static final String DB = SubmitMatterTest.DB;

    @TestHTTPResource("/api/matters")
    URI matters;
    long before;

    @BeforeEach
    void countBefore() {
        before = DbProbe.count(DB, "select count(*) from submitted_matter where applicant_id = 'applicant-hostile'");
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(DbProbe.count(DB, "select count(*) from submitted_matter where applicant_id = 'applicant-hostile'"))
                .isEqualTo(before);
    }

    @Test
    void deeplyNestedJsonIsA400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Api.as("applicant-hostile").contentType(ContentType.JSON)
                .body(Api.NEWBORN.replace("\"hospital\": \"市第一人民医院\"", "\"hospital\": " + deep))
                .post("/api/matters")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aHugeStringIsA400() {
        Api.as("applicant-hostile").contentType(ContentType.JSON)
                .body(Api.NEWBORN.replace("市第一人民医院", "医".repeat(150_000)))
                .post("/api/matters")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void badUtf8IsA400() {
        byte[] body = Api.NEWBORN.getBytes(StandardCharsets.UTF_8);
        int at = Api.NEWBORN.indexOf("市");
        byte[] bad = body.clone();
        int offset = new String(body, StandardCharsets.UTF_8).substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        bad[offset] = (byte) 0xC3;
        bad[offset + 1] = (byte) 0x28;
        Api.as("applicant-hostile").contentType("application/json; charset=utf-8").body(bad)
                .post("/api/matters")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        Api.as("applicant-hostile").contentType(ContentType.TEXT).body("matterType=newborn")
                .post("/api/matters")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    /** {@code curl -d @file} without {@code -H 'Content-Type: …'} labels the JSON as a form: the newcomer's mistake. */
    @Test
    void curlsDefaultFormContentTypeIsA415NamingTheMediaTypesToSend() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(matters)
                .header("Authorization", "Bearer " + TestTokens.applicant("applicant-hostile"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Api.NEWBORN)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("application/json").contains("multipart/form-data");
        assertThat(response.headers().firstValue("Accept-Post")).contains("application/json, multipart/form-data");
    }

    @Test
    void aJsonOnlyEndpointNamesOnlyJson() {
        Api.as("applicant-hostile").contentType(ContentType.TEXT).body("{}")
                .post("/api/matters/" + java.util.UUID.randomUUID() + "/rating")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", equalTo("send the body with Content-Type application/json"));
    }

    @Test
    void aMissingFormFieldIsNamedWithoutAStrayPrefix() {
        Api.as("applicant-hostile").contentType(ContentType.JSON)
                .body(Api.NEWBORN.replace("\"hospital\": \"市第一人民医院\",", ""))
                .post("/api/matters")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.message", hasItem("required property 'hospital' not found"));
    }

    @Test
    void anIdCardWithAWrongCheckDigitIsA422NamingTheField() {
        Api.as("applicant-hostile").contentType(ContentType.JSON)
                .body(Api.NEWBORN.replace("110105194912310038", "110105194912310037"))
                .post("/api/matters")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("$.form.father.idCard"));
    }

    @Test
    void anInvalidPhoneNumberIsA422NamingTheField() {
        Api.as("applicant-hostile").contentType(ContentType.JSON)
                .body(Api.SIGNBOARD.replace("\"shopName\"", "\"ownerPhone\": \"12345\", \"shopName\""))
                .post("/api/matters")
                .then().statusCode(422).body("errors.field", hasItem("$.form.ownerPhone"));
    }

    @Test
    void aMultipartWithoutTheMatterPartIsA422() {
        Api.as("applicant-hostile").multiPart("signDesign", "d.pdf", Api.PDF, "application/pdf")
                .post("/api/matters")
                .then().statusCode(422).body("errors.field", hasItem("matter"));
    }

    @Test
    void aMalformedMatterPartIsA400() {
        Api.as("applicant-hostile").multiPart("matter", "{\"matterType\":", "application/json")
                .post("/api/matters")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aBodyLabelledMultipartThatIsNotMultipartIsA400Problem() {
        Api.as("applicant-hostile").contentType("multipart/form-data; boundary=x").body("{}".getBytes(StandardCharsets.UTF_8))
                .post("/api/matters")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void aSupplementLabelledMultipartThatIsNotMultipartIsA400Problem() {
        Api.as("applicant-hostile").contentType("multipart/form-data; boundary=x").body("not multipart at all".getBytes(StandardCharsets.UTF_8))
                .post("/api/matters/" + java.util.UUID.randomUUID() + "/supplements")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }
}
