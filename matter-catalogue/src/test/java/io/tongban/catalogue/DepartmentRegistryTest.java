package io.tongban.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepartmentRegistryTest {

    private static final String PASSPORT_MATTER = """
            id: passport
            version: 1
            title: {zh: 护照, en: Passport}
            form:
              type: object
              properties:
                name: {type: string}
            tasks:
              - key: issue
                department: exit-entry
                title: {zh: 签发, en: Issue}
                inputs: {name: form.name}
            """;

    private static final String EXIT_ENTRY = """
            departments:
              - id: exit-entry
                name: {zh: 出入境管理局, en: Exit and Entry Administration}
                mode: http
                endpoint: https://exit-entry.example.gov.cn/tongban/tasks
                inFlightLimit: 2
                answerTimeout: PT10M
                maxDeliveries: 3
            """;

    @Test
    void everyDepartmentOfTheBuiltInMattersIsRegistered() {
        DepartmentRegistry registry = DepartmentRegistryLoader.loadBuiltIn();

        assertThat(registry.ids()).containsAll(CatalogueLoader.loadBuiltInCatalogue().departments());
    }

    @Test
    void aDepartmentWithoutItsOwnSettingsTakesTheDefaultsAndItsIdAsKeyAndSecretName() {
        Department health = DepartmentRegistryLoader.loadBuiltIn().find("health").orElseThrow();

        assertThat(health.name().zh()).isEqualTo("卫生健康委员会");
        assertThat(health.mode()).isEqualTo(Department.HTTP);
        assertThat(health.endpoint()).isEmpty();
        assertThat(health.inFlightLimit()).isEqualTo(8);
        assertThat(health.answerTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(health.maxDeliveries()).isEqualTo(5);
        assertThat(health.evidenceKey()).isEqualTo("health");
        assertThat(health.callbackSecret()).isEqualTo("health");
    }

    @Test
    void aDepartmentsOwnSettingsWinOverTheDefaults() {
        Department d = DepartmentRegistryLoader.parse("r.yaml", "defaults: {mode: clerk, maxDeliveries: 9}\n"
                + EXIT_ENTRY.replace("maxDeliveries: 3", "maxDeliveries: 3\n    evidenceKey: ee-2026")).get(0);

        assertThat(d.mode()).isEqualTo(Department.HTTP);
        assertThat(d.endpoint()).contains("https://exit-entry.example.gov.cn/tongban/tasks");
        assertThat(d.inFlightLimit()).isEqualTo(2);
        assertThat(d.answerTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.maxDeliveries()).isEqualTo(3);
        assertThat(d.evidenceKey()).isEqualTo("ee-2026");
        assertThat(d.callbackSecret()).isEqualTo("exit-entry");
    }

    @Test
    void aBrokenEntryIsNamedByFileDepartmentFieldAndProblem() {
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY.replace("mode: http", "mode: fax")))
                .hasMessage("r.yaml: departments[0] (exit-entry).mode: 'fax' is not one of http, clerk, kafka");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY.replace("PT10M", "10 minutes")))
                .hasMessage("r.yaml: departments[0] (exit-entry).answerTimeout: '10 minutes' is not an ISO-8601 duration such as PT2M");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY.replace("inFlightLimit: 2", "inFlightLimit: 0")))
                .hasMessage("r.yaml: departments[0] (exit-entry).inFlightLimit: must be a whole number of at least 1");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY.replace("maxDeliveries: 3", "maxDeliveries: 3\n    secret: s3cr3t")))
                .hasMessageStartingWith("r.yaml: departments[0] (exit-entry).secret: unknown field");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY.replace("mode: http", "mode: kafka")))
                .hasMessage("r.yaml: departments[0] (exit-entry).endpoint: only a department in mode http has an endpoint (mode is kafka)");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY.replace("https://exit-entry", "ftp://exit-entry")))
                .hasMessageContaining("(exit-entry).endpoint: 'ftp://exit-entry.example.gov.cn/tongban/tasks' is not an absolute http(s) URL");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY.replace("id: exit-entry", "id: Exit_Entry")))
                .hasMessageContaining("departments[0] (Exit_Entry).id: 'Exit_Entry' is not a valid department id");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY.replace("name: {zh: 出入境管理局, ", "name: {")))
                .hasMessage("r.yaml: departments[0] (exit-entry).name.zh: missing or empty");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml", EXIT_ENTRY + EXIT_ENTRY.substring("departments:\n".length())))
                .hasMessage("r.yaml: departments[1] (exit-entry).id: department exit-entry is registered twice");
        assertThatThrownBy(() -> DepartmentRegistryLoader.parse("r.yaml",
                EXIT_ENTRY.replace("maxDeliveries: 3", "maxDeliveries: 3\n    callbackSecret: ../../etc/passwd")))
                .hasMessageContaining("(exit-entry).callbackSecret: '../../etc/passwd' must be a plain name");
    }

    @Test
    void aMatterNamingAnUnregisteredDepartmentIsRefusedWithFileTaskAndField(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("passport.yaml"), PASSPORT_MATTER);

        assertThatThrownBy(() -> CatalogueLoader.load(extra))
                .isInstanceOf(CatalogueException.class)
                .hasMessage(extra.resolve("passport.yaml") + ": tasks[0] (issue).department: department exit-entry is not "
                        + "registered (register it in departments.yaml)");
    }

    @Test
    void aDepartmentsFileBesideTheExtraDefinitionsRegistersTheirDepartments(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("passport.yaml"), PASSPORT_MATTER);
        Files.writeString(extra.resolve("departments.yaml"), EXIT_ENTRY);

        MatterCatalogue catalogue = CatalogueLoader.load(extra);

        assertThat(catalogue.latest("passport")).isPresent();
        assertThat(catalogue.departmentRegistry().find("exit-entry").orElseThrow().answerTimeout())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(catalogue.departmentRegistry().isRegistered("health")).isTrue();
    }

    @Test
    void anExtraRegistryInheritsTheBuiltInDefaults(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("departments.yaml"), """
                departments:
                  - {id: exit-entry, name: {zh: 出入境管理局, en: Exit and Entry Administration}, mode: clerk}
                """);

        Department d = DepartmentRegistryLoader.load(extra).find("exit-entry").orElseThrow();

        assertThat(d.mode()).isEqualTo(Department.CLERK);
        assertThat(d.answerTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.maxDeliveries()).isEqualTo(5);
    }

    @Test
    void anExtraRegistryCannotRedefineABuiltInDepartment(@TempDir Path extra) throws IOException {
        Files.writeString(extra.resolve("departments.yaml"), EXIT_ENTRY.replace("id: exit-entry", "id: health"));

        assertThatThrownBy(() -> CatalogueLoader.load(extra))
                .hasMessage(extra.resolve("departments.yaml") + ": departments[0] (health).id: department health is "
                        + "already registered in catalogue/departments.yaml");
    }
}
