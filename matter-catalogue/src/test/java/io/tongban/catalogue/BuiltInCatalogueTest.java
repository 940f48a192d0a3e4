package io.tongban.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The matters the platform ships: their shape as the key-matter lists describe them (see each YAML's citation). */
class BuiltInCatalogueTest {
    static final MatterCatalogue CATALOGUE = CatalogueLoader.loadBuiltInCatalogue();

    private static List<String> taskKeys(String id) {
        return CATALOGUE.latest(id).orElseThrow().tasks().stream().map(TaskDefinition::key).toList();
    }

    private static TaskDefinition task(String id, String key) {
        return CATALOGUE.latest(id).orElseThrow().task(key).orElseThrow();
    }

    @Test
    void everyBuiltInMatterTypeLoadsAtItsLatestVersion() {
        assertThat(CATALOGUE.latestOfEach()).extracting(MatterDefinition::id).containsExactly(
                "company-startup", "home-transfer", "investment-project", "newborn", "restaurant", "retirement",
                "school-enrolment", "utilities");
        assertThat(CATALOGUE.latest("newborn").orElseThrow().version()).isEqualTo(2);
        assertThat(CATALOGUE.find("newborn", 1)).isPresent();
    }

    @Test
    void everyDefinitionHasBothTitlesAndAMaterialThatMayFollowLaterWhereRealistic() {
        for (MatterDefinition d : CATALOGUE.latestOfEach()) {
            assertThat(d.title().zh()).as(d.id()).isNotBlank();
            assertThat(d.title().en()).as(d.id()).isNotBlank();
            assertThat(d.materials()).as(d.id() + " materials")
                    .anyMatch(m -> m.requirement() == MaterialRequirement.MAY_FOLLOW_LATER);
        }
    }

    @Test
    void aMaterialThatMayFollowLaterFeedsATaskSoAcceptanceWithItMissingMatters() {
        for (String id : List.of("restaurant", "retirement", "utilities", "home-transfer", "investment-project",
                "company-startup", "school-enrolment")) {
            MatterDefinition d = CATALOGUE.latest(id).orElseThrow();
            List<String> used = d.tasks().stream().flatMap(t -> t.materialInputs().stream()).toList();
            assertThat(d.materials()).as(id)
                    .anyMatch(m -> m.requirement() == MaterialRequirement.MAY_FOLLOW_LATER && used.contains(m.name()));
        }
    }

    @Test
    void newbornVersionTwoAddsVaccinationFromTheStartAndTheCardBesideTheInsurance() {
        assertThat(taskKeys("newborn")).containsExactly("birth-certificate", "vaccination-record",
                "household-registration", "medical-insurance", "social-security-card");
        assertThat(task("newborn", "vaccination-record").dependsOn()).isEmpty();
        assertThat(task("newborn", "vaccination-record").inputs()).doesNotContainKeys("motherIdCard", "fatherIdCard");
        assertThat(task("newborn", "medical-insurance").dependsOn()).containsExactly("household-registration");
        assertThat(task("newborn", "social-security-card").dependsOn()).containsExactly("household-registration");
        assertThat(CATALOGUE.latest("newborn").orElseThrow().expectedWorkingDays()).isLessThanOrEqualTo(5);
    }

    @Test
    void newbornKeepsVersionOnesCoreTasksUnchanged() {
        MatterDefinition v1 = CATALOGUE.find("newborn", 1).orElseThrow();
        MatterDefinition v2 = CATALOGUE.find("newborn", 2).orElseThrow();
        for (TaskDefinition old : v1.tasks()) {
            TaskDefinition now = v2.task(old.key()).orElseThrow();
            assertThat(now.inputs()).as(old.key()).isEqualTo(old.inputs());
            assertThat(now.outputs()).as(old.key()).isEqualTo(old.outputs());
            assertThat(now.department()).as(old.key()).isEqualTo(old.department());
        }
    }

    @Test
    void restaurantChecksTheLicenceThenRunsThePermitsInParallelWithFireSafetyOnCommitment() {
        assertThat(taskKeys("restaurant")).containsExactly("licence-check", "food-business-permit",
                "fire-safety-inspection", "signboard-permit");
        assertThat(task("restaurant", "fire-safety-inspection").byCommitment()).isTrue();
        assertThat(task("restaurant", "food-business-permit").byCommitment()).isFalse();
        assertThat(task("restaurant", "signboard-permit").condition().text()).isEqualTo("form.hasOutdoorSign == true");
        for (String key : List.of("food-business-permit", "fire-safety-inspection", "signboard-permit")) {
            assertThat(task("restaurant", key).dependsOn()).containsExactly("licence-check");
        }
        assertThat(CATALOGUE.latest("restaurant").orElseThrow().expectedWorkingDays()).isLessThanOrEqualTo(13);
    }

    @Test
    void retirementRunsInFourStagesWithTheRewardOnlyForOnlyChildParents() {
        assertThat(taskKeys("retirement")).containsExactly("eligibility", "household-check",
                "deemed-contribution-years", "pension-calculation", "retiree-medical-insurance",
                "provident-fund-withdrawal", "only-child-reward", "final-review");
        assertThat(task("retirement", "only-child-reward").condition().text()).isEqualTo("form.onlyChildParent == true");
        assertThat(task("retirement", "final-review").dependsOn()).containsExactlyInAnyOrder(
                "retiree-medical-insurance", "provident-fund-withdrawal", "only-child-reward");
    }

    @Test
    void utilitiesConnectOnceThePlansAndThePermitsAreIn() {
        assertThat(taskKeys("utilities")).startsWith("joint-application", "joint-site-survey").endsWith("connection");
        assertThat(task("utilities", "connection").dependsOn()).contains("water-plan", "power-plan", "gas-plan",
                "broadband-plan", "line-planning-permit", "road-excavation-permit");
        assertThat(task("utilities", "road-excavation-permit").condition().text())
                .isEqualTo("form.needsExcavation == true");
        assertThat(task("utilities", "line-planning-permit").byCommitment()).isTrue();
    }

    @Test
    void homeTransferFilesTaxesThenRegisters() {
        assertThat(taskKeys("home-transfer")).containsExactly("contract-filing", "tax-assessment", "registration");
        assertThat(task("home-transfer", "registration").outputs()).contains("realEstateCertificateNo");
    }

    @Test
    void investmentProjectReviewsJointlyBeforeTheApproval() {
        MatterDefinition d = CATALOGUE.latest("investment-project").orElseThrow();

        assertThat(d.jointReview("joint-review")).extracting(TaskDefinition::key).containsExactly("site-selection",
                "land-pre-review", "environmental-assessment", "soil-water-plan", "forest-land");
        assertThat(d.task("forest-land").orElseThrow().condition().text()).isEqualTo("form.involvesForestLand == true");
        assertThat(d.task("approval").orElseThrow().dependsOn()).containsExactlyInAnyOrder("site-selection",
                "land-pre-review", "environmental-assessment", "soil-water-plan", "forest-land");
        assertThat(d.task("planning-permit").orElseThrow().dependsOn()).containsExactly("approval");
        assertThat(d.expectedWorkingDays()).isLessThanOrEqualTo(d.legalTimeLimitWorkingDays()).isLessThanOrEqualTo(120);
    }

    @Test
    void companyStartupIssuesTheLicenceThenEverythingElseInParallel() {
        assertThat(taskKeys("company-startup")).containsExactly("business-licence", "seal-filing", "tax-invoices",
                "social-insurance", "medical-insurance", "provident-fund", "bank-account");
        CATALOGUE.latest("company-startup").orElseThrow().tasks().stream().skip(1)
                .forEach(t -> assertThat(t.dependsOn()).as(t.key()).containsExactly("business-licence"));
        assertThat(CATALOGUE.latest("company-startup").orElseThrow().expectedWorkingDays()).isLessThanOrEqualTo(5);
    }

    @Test
    void schoolEnrolmentChecksInParallelThenAllocatesThenNotifies() {
        assertThat(taskKeys("school-enrolment")).endsWith("school-place-allocation", "admission-notice");
        assertThat(task("school-enrolment", "school-place-allocation").dependsOn()).containsExactlyInAnyOrder(
                "household-check", "ownership-check", "rental-check", "social-insurance-record",
                "birth-certificate-check");
        assertThat(task("school-enrolment", "household-check").dependsOn()).isEmpty();
    }

    @Test
    void publicSecurityGetsTheParentsIdNumbersTheHealthDepartmentDoesNot() {
        assertThat(task("newborn", "household-registration").inputs()).containsKeys("motherIdCard", "fatherIdCard");
        assertThat(task("newborn", "birth-certificate").inputs()).doesNotContainKeys("motherIdCard", "fatherIdCard");
    }

    @Test
    void companyStartupSuggestsTheRestaurantWithNameAndCreditCodeFromTheLicence() {
        Suggestion s = CATALOGUE.latest("company-startup").orElseThrow().suggests().get(0);

        assertThat(s.matterType()).isEqualTo("restaurant");
        assertThat(s.delayYears()).isEmpty();
        assertThat(s.prefill()).containsOnlyKeys("business.name", "business.unifiedSocialCreditCode");
        assertThat(s.prefill().get("business.unifiedSocialCreditCode"))
                .isEqualTo(InputSource.parse("tasks.business-licence.unifiedSocialCreditCode"));
    }

    @Test
    void newbornSuggestsSchoolEnrolmentAtSixWithTheChildsData() {
        Suggestion s = CATALOGUE.latest("newborn").orElseThrow().suggests().get(0);

        assertThat(s.matterType()).isEqualTo("school-enrolment");
        assertThat(s.afterYears()).isEqualTo(6);
        assertThat(s.prefill()).containsEntry("child.name", InputSource.parse("form.child.name"))
                .containsEntry("child.birthDate", InputSource.parse("form.child.birthDate"));
        assertThat(s.reason().zh()).isNotBlank();
        assertThat(s.reason().en()).isNotBlank();
    }

    @Test
    void departmentIdsAreTheSharedOnes() {
        assertThat(CATALOGUE.departments()).containsExactly("bank", "city-management", "development-reform", "ecology",
                "education", "fire-rescue", "forestry", "gas-utility", "government-service", "health", "housing",
                "hr-social-security", "landscaping", "market-regulation", "medical-insurance", "natural-resources",
                "power-utility", "provident-fund", "public-security", "tax", "telecom", "water-resources",
                "water-utility");
    }

    @Test
    void everyDefinitionCitesThePublicDocumentItFollows() {
        for (MatterDefinition d : CATALOGUE.latestOfEach()) {
            String text = readSource(d.source());
            assertThat(text.lines().findFirst().orElse("")).as(d.source()).startsWith("#");
            assertThat(text).as(d.source()).containsAnyOf("国发〔2024〕3号", "国办发〔2025〕24号");
        }
    }

    private static String readSource(String resource) {
        try (var in = BuiltInCatalogueTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
