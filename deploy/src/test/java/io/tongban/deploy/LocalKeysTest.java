package io.tongban.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.catalogue.Department;
import io.tongban.catalogue.DepartmentRegistry;
import io.tongban.catalogue.DepartmentRegistryLoader;
import io.tongban.catalogue.LocalizedText;
import io.tongban.contracts.Topics;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysTest {

    /** Registered, but no matter names it yet; its key and secret have names of their own. */
    private static final Department EXIT_ENTRY = new Department("exit-entry",
            new LocalizedText("出入境管理局", "Exit and Entry Administration"), Department.HTTP, Optional.empty(), 4,
            Duration.ofMinutes(5), 3, "exit-entry-2026", "exit-entry-callback");

    @Test
    void everyRegisteredDepartmentGetsACallbackSecretAndAnEvidenceKeyPairUnderItsRegisteredNames(@TempDir Path keys)
            throws Exception {
        List<Department> departments = new ArrayList<>(DepartmentRegistryLoader.loadBuiltIn().all());
        departments.add(EXIT_ENTRY);
        DepartmentRegistry registry = new DepartmentRegistry(departments);

        LocalKeys.init(keys, registry);

        Properties secrets = new Properties();
        try (Reader in = Files.newBufferedReader(keys.resolve(LocalKeys.DEPARTMENT_SECRETS), StandardCharsets.UTF_8)) {
            secrets.load(in);
        }
        for (Department d : registry.all()) {
            assertThat(secrets.getProperty(d.callbackSecret())).as(d.id()).isNotBlank();
            assertThat(keys.resolve("evidence").resolve(d.evidenceKey() + ".pub")).as(d.id()).exists();
            assertThat(keys.resolve("evidence").resolve(d.evidenceKey() + ".key")).as(d.id()).exists();
        }
        assertThat(secrets).doesNotContainKey("exit-entry");
    }

    @Test
    void aDepartmentRegisteredLaterIsAddedAndTheExistingSecretsAreKept(@TempDir Path keys) throws Exception {
        LocalKeys.init(keys, DepartmentRegistryLoader.loadBuiltIn());
        String before = Files.readString(keys.resolve(LocalKeys.DEPARTMENT_SECRETS));

        List<Department> departments = new ArrayList<>(DepartmentRegistryLoader.loadBuiltIn().all());
        departments.add(EXIT_ENTRY);
        LocalKeys.init(keys, new DepartmentRegistry(departments));

        String after = Files.readString(keys.resolve(LocalKeys.DEPARTMENT_SECRETS));
        assertThat(after).startsWith(before).contains("exit-entry-callback=");
    }

    @Test
    void everyRegisteredDepartmentGetsItsTasksResultsAndRefusedTopic() {
        List<Department> departments = new ArrayList<>(DepartmentRegistryLoader.loadBuiltIn().all());
        departments.add(EXIT_ENTRY);

        var topics = TopicSetup.wanted(6, 3, new DepartmentRegistry(departments));

        for (Department d : departments) {
            assertThat(topics).containsEntry(Topics.tasksOf(d.id()), 3).containsEntry(Topics.resultsOf(d.id()), 3)
                    .containsEntry(Topics.refusedOf(d.id()), 3);
        }
        assertThat(topics).containsEntry(Topics.MATTERS, 6).containsEntry(Topics.WORKFLOW, 6);
    }
}
