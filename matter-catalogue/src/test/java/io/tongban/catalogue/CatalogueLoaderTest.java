package io.tongban.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tongban.contracts.EventJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogueLoaderTest {

    private static final String MINIMAL = """
            id: sample
            version: 1
            title: {zh: 样例, en: Sample}
            form:
              type: object
              properties:
                name: {type: string}
                hasSign: {type: boolean}
            materials:
              - name: licence
                title: {zh: 执照, en: Licence}
                requirement: required
            tasks:
              - key: first
                department: market-regulation
                title: {zh: 一, en: One}
                inputs: {name: form.name, licence: materials.licence}
                outputs: [number]
              - key: second
                department: city-management
                title: {zh: 二, en: Two}
                dependsOn: [first]
                condition: form.hasSign == true
                inputs: {number: tasks.first.number}
            """;

    @Test
    void builtInCatalogueKeepsTheNewbornMatterPinnedAtVersionOne() {
        MatterCatalogue catalogue = CatalogueLoader.loadBuiltInCatalogue();

        MatterDefinition newborn = catalogue.find("newborn", 1).orElseThrow();
        assertThat(newborn.tasks()).extracting(TaskDefinition::key)
                .containsExactly("birth-certificate", "household-registration", "medical-insurance");
        assertThat(newborn.departments()).containsExactly("health", "public-security", "medical-insurance");
        assertThat(newborn.expectedWorkingDays()).isEqualTo(5);
        assertThat(newborn.suggests()).isEmpty();
    }

    @Test
    void aValidDefinitionKeepsItsConditionAndMappings() {
        MatterDefinition d = CatalogueLoader.parse("sample.yaml", MINIMAL);

        TaskDefinition second = d.task("second").orElseThrow();
        assertThat(second.when()).isPresent();
        assertThat(second.when().get().holdsFor(true)).isTrue();
        assertThat(second.when().get().holdsFor(false)).isFalse();
        assertThat(second.inputs().get("number").taskKey()).isEqualTo("first");
    }

    @Test
    void unknownDependencyIsNamedWithFileAndField() {
        String broken = MINIMAL.replace("dependsOn: [first]", "dependsOn: [nowhere]");

        assertThatThrownBy(() -> CatalogueLoader.parse("sample.yaml", broken))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("sample.yaml: tasks[1].dependsOn: unknown task 'nowhere'");
    }

    @Test
    void aCycleIsRefused() {
        String cyclic = MINIMAL.replace("outputs: [number]", "outputs: [number]\n    dependsOn: [second]");

        assertThatThrownBy(() -> CatalogueLoader.parse("sample.yaml", cyclic))
                .hasMessageContaining("dependency cycle");
    }

    @Test
    void anInputFromATaskThatIsNotADependencyIsRefused() {
        String early = MINIMAL.replace("    dependsOn: [first]\n", "");

        assertThatThrownBy(() -> CatalogueLoader.parse("sample.yaml", early))
                .hasMessageContaining("tasks[1].inputs.number")
                .hasMessageContaining("is not among the tasks");
    }

    @Test
    void anInputFromAFormFieldThatDoesNotExistIsRefused() {
        String typo = MINIMAL.replace("form.name", "form.nmae");

        assertThatThrownBy(() -> CatalogueLoader.parse("sample.yaml", typo))
                .hasMessage("sample.yaml: tasks[0].inputs.name: the form has no field nmae");
    }

    @Test
    void missingTitleAndBadRequirementAreNamed() {
        assertThatThrownBy(() -> CatalogueLoader.parse("s.yaml", MINIMAL.replace("title: {zh: 样例, en: Sample}\n", "")))
                .hasMessage("s.yaml: title: missing: a title with zh and en");
        assertThatThrownBy(() -> CatalogueLoader.parse("s.yaml", MINIMAL.replace("requirement: required", "requirement: maybe")))
                .hasMessageContaining("materials[0].requirement");
    }

    @Test
    void aMayFollowLaterMaterialHasAPromisePeriodOfFiveWorkingDaysUnlessItNamesOne() {
        String later = MINIMAL.replace("requirement: required", "requirement: may-follow-later");

        assertThat(CatalogueLoader.parse("s.yaml", later).material("licence").orElseThrow().promisePeriod()).contains(5);
        assertThat(CatalogueLoader.parse("s.yaml", later.replace("requirement: may-follow-later",
                "requirement: may-follow-later\n    followLaterWithinWorkingDays: 10"))
                .material("licence").orElseThrow().promisePeriod()).contains(10);
        assertThat(CatalogueLoader.parse("s.yaml", MINIMAL).material("licence").orElseThrow().promisePeriod()).isEmpty();
    }

    @Test
    void aBadPromisePeriodIsNamedWithFileAndField() {
        String later = MINIMAL.replace("requirement: required", "requirement: may-follow-later");

        assertThatThrownBy(() -> CatalogueLoader.parse("s.yaml", later.replace("requirement: may-follow-later",
                "requirement: may-follow-later\n    followLaterWithinWorkingDays: 0")))
                .hasMessage("s.yaml: materials[0].followLaterWithinWorkingDays: must be a whole number of at least 1");
        assertThatThrownBy(() -> CatalogueLoader.parse("s.yaml", later.replace("requirement: may-follow-later",
                "requirement: may-follow-later\n    followLaterWithinWorkingDays: soon")))
                .hasMessage("s.yaml: materials[0].followLaterWithinWorkingDays: must be a whole number of at least 1");
        assertThatThrownBy(() -> CatalogueLoader.parse("s.yaml", MINIMAL.replace("requirement: required",
                "requirement: required\n    followLaterWithinWorkingDays: 3")))
                .hasMessage("s.yaml: materials[0].followLaterWithinWorkingDays: only a may-follow-later material has "
                        + "a promise period; 'licence' is required");
    }

    @Test
    void theSameVersionTwiceIsRefused() {
        MatterDefinition d = CatalogueLoader.parse("a.yaml", MINIMAL);

        assertThatThrownBy(() -> new MatterCatalogue(List.of(d, d))).hasMessageContaining("version 1 is also defined");
    }

    @Test
    void inputsCarryOnlyWhatTheTaskDeclares() {
        MatterDefinition newborn = CatalogueLoader.loadBuiltInCatalogue().latest("newborn").orElseThrow();
        Map<String, Object> form = Map.of(
                "child", Map.of("name", "王小明", "sex", "male", "birthDate", "2026-11-20"),
                "mother", Map.of("name", "李芳", "idCard", "11010519491231002X"),
                "father", Map.of("name", "王强", "idCard", "110105194912310037"),
                "hospital", "市第一人民医院", "householdAddress", "北京市朝阳区建国路1号");

        Map<String, Object> health = InputResolver.resolve(newborn.task("birth-certificate").orElseThrow(),
                form, Map.of(), Map.of());
        Map<String, Object> police = InputResolver.resolve(newborn.task("household-registration").orElseThrow(),
                form, Map.of(), Map.of("birth-certificate", Map.of("birthCertificateNo", "O1101")));

        assertThat(health).doesNotContainKeys("motherIdCard", "fatherIdCard", "householdAddress")
                .containsEntry("childName", "王小明");
        assertThat(police).containsEntry("birthCertificateNo", "O1101").containsEntry("fatherIdCard", "110105194912310037");
    }

    @Test
    void formValidatorNamesTheFieldPath() throws Exception {
        MatterDefinition newborn = CatalogueLoader.loadBuiltInCatalogue().latest("newborn").orElseThrow();
        JsonNode form = EventJson.mapper().readTree("""
                {"child": {"name": "王小明", "sex": "robot", "birthDate": "2026-11-20"},
                 "mother": {"name": "李芳", "idCard": "11010519491231002X"},
                 "hospital": "h", "householdAddress": "a"}""");

        List<FormViolation> violations = new FormValidator().validate(newborn, form);

        assertThat(violations).extracting(FormViolation::path).contains("$", "$.child.sex");
        assertThat(violations).anySatisfy(v -> assertThat(v.message()).contains("father"));
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).doesNotStartWith(":").doesNotStartWith("/"));
    }
}
