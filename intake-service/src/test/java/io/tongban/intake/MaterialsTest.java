package io.tongban.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tongban.contracts.Topics;
import io.tongban.intake.domain.Materials;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Multipart submission: files stored with their SHA-256 in PostgreSQL, events carry only a claim check. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class MaterialsTest {
    static final String DB = SubmitMatterTest.DB;
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

    static RequestSpecification signboard(String applicant) {
        return Api.as(applicant).multiPart("matter", Api.SIGNBOARD, "application/json");
    }

    static long materials() {
        return DbProbe.count(DB, "select count(*) from matter_material");
    }

    static long matters() {
        return DbProbe.count(DB, "select count(*) from submitted_matter");
    }

    @Test
    void aSubmittedFileIsStoredWithItsSha256AndTheEventCarriesOnlyItsReference() {
        String matterId = signboard("applicant-files")
                .multiPart("signDesign", "design.pdf", Api.PDF, "application/pdf")
                .post("/api/matters")
                .then().statusCode(202).extract().path("matterId");

        String sha = Materials.sha256(Api.PDF);
        assertThat(DbProbe.count(DB, "select count(*) from matter_material where matter_id = '" + matterId
                + "' and sha256 = '" + sha + "' and size = " + Api.PDF.length)).isEqualTo(1);
        TopicProbe.Seen event = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.MATTERS),
                seen -> !seen.isEmpty()).get(0);
        assertThat(event.value())
                .contains("\"reference\":\"/api/matters/" + matterId + "/materials/signDesign\"")
                .contains("\"sha256\":\"" + sha + "\"")
                .doesNotContain("%PDF");
    }

    @Test
    void theApplicantAndTheDeclaringDepartmentsClerkMayDownloadNobodyElse() {
        String matterId = signboard("applicant-owner")
                .multiPart("signDesign", "design.pdf", Api.PDF, "application/pdf")
                .post("/api/matters").then().statusCode(202).extract().path("matterId");
        String path = "/api/matters/" + matterId + "/materials/signDesign";

        byte[] own = Api.as("applicant-owner").get(path).then().statusCode(200)
                .contentType("application/pdf")
                .header("ETag", "\"" + Materials.sha256(Api.PDF) + "\"")
                .extract().asByteArray();
        assertThat(own).isEqualTo(Api.PDF);
        byte[] clerk = Api.asClerk("clerk-city", "city-management").get(path).then().statusCode(200).extract().asByteArray();
        assertThat(clerk).isEqualTo(Api.PDF);
        // fire-rescue has a task in this matter, but its inputs do not include the design
        Api.asClerk("clerk-fire", "fire-rescue").get(path).then().statusCode(404).contentType("application/problem+json");
        Api.as("applicant-other").get(path).then().statusCode(404);
    }

    @Test
    void aFileOverThePerFileLimitIsA413AndWritesNothing() {
        long matters = matters();
        long materials = materials();
        byte[] big = Arrays.copyOf(Api.PDF, 200_001);

        signboard("applicant-big").multiPart("signDesign", "design.pdf", big, "application/pdf")
                .post("/api/matters")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://tongban.io/problems/too-large"));

        assertThat(matters()).isEqualTo(matters);
        assertThat(materials()).isEqualTo(materials);
    }

    @Test
    void aBodyOverTheHttpLimitIsA413ProblemAndWritesNothing() {
        long matters = matters();
        byte[] huge = Arrays.copyOf(Api.PDF, 1_500_000);

        signboard("applicant-huge").multiPart("signDesign", "design.pdf", huge, "application/pdf")
                .post("/api/matters")
                .then().statusCode(413).contentType("application/problem+json");

        assertThat(matters()).isEqualTo(matters);
    }

    @Test
    void filesOverThePerMatterLimitTogetherAreA413AndWriteNothing() {
        long matters = matters();
        byte[] large = Arrays.copyOf(Api.PDF, 160_000);

        signboard("applicant-many").multiPart("signDesign", "design.pdf", large, "application/pdf")
                .multiPart("leaseContract", "lease.pdf", large, "application/pdf")
                .post("/api/matters")
                .then().statusCode(413).contentType("application/problem+json");

        assertThat(matters()).isEqualTo(matters);
    }

    @Test
    void aContentTypeTheMaterialDoesNotAcceptIsA415() {
        long matters = matters();

        signboard("applicant-type").multiPart("signDesign", "design.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0},
                        "image/jpeg")
                .post("/api/matters")
                .then().statusCode(415).contentType("application/problem+json")
                .body("errors.field", hasItem("materials.signDesign"));

        assertThat(matters()).isEqualTo(matters);
    }

    @Test
    void aFileWhoseBytesAreNotItsDeclaredTypeIsA415() {
        signboard("applicant-magic").multiPart("signDesign", "design.pdf", PNG, "application/pdf")
                .post("/api/matters")
                .then().statusCode(415).body("errors.message", hasItem("the file's content is not application/pdf"));
    }

    @Test
    void anUnknownOrMissingRequiredMaterialIsA422NamingIt() {
        signboard("applicant-unknown").multiPart("signDesign", "d.pdf", Api.PDF, "application/pdf")
                .multiPart("birthdayCake", "cake.pdf", Api.PDF, "application/pdf")
                .post("/api/matters")
                .then().statusCode(422).body("errors.field", hasItem("materials.birthdayCake"));
        signboard("applicant-missing").multiPart("leaseContract", "lease.pdf", Api.PDF, "application/pdf")
                .post("/api/matters")
                .then().statusCode(422).body("errors.field", hasItem("materials.signDesign"));
    }

    @Test
    void aRetryWithTheSameFilesIsTheSameMatterAndOtherFilesAre409() {
        String key = UUID.randomUUID().toString();
        String first = signboard("applicant-retry").header("Idempotency-Key", key)
                .multiPart("signDesign", "design.pdf", Api.PDF, "application/pdf")
                .post("/api/matters").then().statusCode(202).extract().path("matterId");
        String second = signboard("applicant-retry").header("Idempotency-Key", key)
                .multiPart("signDesign", "design.pdf", Api.PDF, "application/pdf")
                .post("/api/matters").then().statusCode(202).extract().path("matterId");
        assertThat(second).isEqualTo(first);

        byte[] other = Arrays.copyOf(Api.PDF, Api.PDF.length + 1);
        signboard("applicant-retry").header("Idempotency-Key", key)
                .multiPart("signDesign", "design.pdf", other, "application/pdf")
                .post("/api/matters").then().statusCode(409).contentType("application/problem+json");
        assertThat(DbProbe.count(DB, "select count(*) from matter_material where matter_id = '" + first + "'"))
                .isEqualTo(1);
    }

    @Test
    void theMatterShowsItsMaterialsWithTheirHashes() {
        String matterId = signboard("applicant-show").multiPart("signDesign", "design.pdf", Api.PDF, "application/pdf")
                .post("/api/matters").then().statusCode(202).extract().path("matterId");

        List<String> hashes = Api.as("applicant-show").get("/api/matters/" + matterId)
                .then().statusCode(200)
                .body("materials[0].name", equalTo("signDesign"))
                .body("materials[0].download", equalTo("/api/matters/" + matterId + "/materials/signDesign"))
                .extract().path("materials.sha256");
        assertThat(hashes).containsExactly(Materials.sha256(Api.PDF));
    }
}
