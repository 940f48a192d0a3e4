package io.tongban.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestTokens;
import java.security.KeyPairGenerator;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class IdentityTest {
    static final String DB = SubmitMatterTest.DB;

    static String submit(String applicant) {
        return Api.as(applicant).contentType(ContentType.JSON).body(Api.NEWBORN).post("/api/matters")
                .then().statusCode(202).extract().path("matterId");
    }

    @Test
    void aRequestWithoutATokenIsA401ProblemAndWritesNothing() {
        long before = DbProbe.count(DB, "select count(*) from submitted_matter");

        given().contentType(ContentType.JSON).body(Api.NEWBORN).post("/api/matters")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://tongban.io/problems/unauthenticated"));

        assertThat(DbProbe.count(DB, "select count(*) from submitted_matter")).isEqualTo(before);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsA401() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(TestTokens.ISSUER).subject("mallory").groups(Set.of("applicant"))
                .sign(generator.generateKeyPair().getPrivate());

        given().auth().oauth2(forged).get("/api/matters")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void applicantBGets404ForApplicantAsMatter() {
        String matterId = submit("applicant-a");

        Api.as("applicant-b").get("/api/matters/" + matterId)
                .then().statusCode(404).contentType("application/problem+json");
        Api.as("applicant-b").contentType(ContentType.JSON).body("{}").post("/api/matters/" + matterId + "/withdrawal")
                .then().statusCode(404);
        Api.as("applicant-b").contentType(ContentType.JSON).body("{\"grade\":5}").post("/api/matters/" + matterId + "/rating")
                .then().statusCode(404);
        Api.as("applicant-a").get("/api/matters/" + matterId)
                .then().statusCode(200).body("matterId", equalTo(matterId));
    }

    @Test
    void myMattersAreMineOnlyNewestFirstPagedWithMaskedPersonalNumbers() {
        String me = "applicant-" + UUID.randomUUID();
        String first = submit(me);
        String second = submit(me);
        String third = submit(me);
        submit("someone-else");

        Api.as(me).queryParam("size", 2).get("/api/matters")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.matterId", contains(third, second))
                .body("items[0].titleZh", equalTo("出生一件事"))
                .body("items[0].form.father.idCard", equalTo("110105********0038"))
                .body("items[0].form.mother.idCard", equalTo("110105********002X"));
        Api.as(me).queryParam("size", 2).queryParam("page", 1).get("/api/matters")
                .then().statusCode(200)
                .body("items.matterId", contains(first));
    }

    @Test
    void theDetailOfAMatterMasksPersonalNumbers() {
        String matterId = submit("applicant-detail");

        String body = Api.as("applicant-detail").get("/api/matters/" + matterId)
                .then().statusCode(200)
                .body("form.father.idCard", equalTo("110105********0038"))
                .extract().asString();
        assertThat(body).doesNotContain("110105194912310038");
    }

    @Test
    void invalidPagingIsA422NamingTheParameter() {
        Api.as("applicant-paging").queryParam("size", 1000).get("/api/matters")
                .then().statusCode(422).body("errors.field", contains("size"));
    }

    @Test
    void aClerkCannotUseTheApplicantsEndpoints() {
        Api.asClerk("clerk-1", "health").get("/api/matters")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theCatalogueIsPublic() {
        given().get("/api/matter-types").then().statusCode(200).body("id", hasSize(org.hamcrest.Matchers.greaterThan(0)));
    }
}
