package io.tongban.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tongban.contracts.evidence.EvidenceKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A department registered in the catalogue folder's {@code departments.yaml} whose key and secret are named
 * differently from its id: the gateway's configuration (the same SmallRye sources Quarkus builds, with the
 * registry from {@link RegisteredDepartmentsFactory}), its callback secrets and its evidence keys all find it.
 */
class DepartmentRegistryReferencesTest {
    private static final String PILOT = """
            departments:
              - id: pilot-bureau
                name: {zh: 试点局, en: Pilot Bureau}
                mode: clerk
                inFlightLimit: 3
                answerTimeout: PT7M
                evidenceKey: pilot-bureau-2026
                callbackSecret: pilot-bureau-callbacks
              - id: pilot-http
                name: {zh: 试点系统, en: Pilot System}
                endpoint: https://pilot.example.gov.cn/tasks
            """;

    @TempDir
    Path home;

    @Test
    void aDepartmentOfTheCatalogueFolderGetsItsModeEndpointAndLimitsInTheGateway() throws IOException {
        GatewayConfig config = config(Map.of("tongban.gateway.catalogue-dir", catalogue().toString()));

        assertThat(config.modeOf("pilot-bureau")).isEqualTo(DepartmentMode.CLERK);
        assertThat(config.departments().get("pilot-bureau").inFlightLimit()).contains(3);
        assertThat(config.answerTimeout("pilot-bureau")).isEqualTo(Duration.ofMinutes(7));
        assertThat(config.endpointOf("pilot-http")).isEqualTo("https://pilot.example.gov.cn/tasks");
        assertThat(config.departments().get("pilot-http").maxDeliveries()).contains(5); // the built-in default
        assertThat(config.modeOf("health")).isEqualTo(DepartmentMode.HTTP);
    }

    @Test
    void theCatalogueFolderCanBeGivenAsAnEnvironmentVariable() throws IOException {
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("TONGBAN_GATEWAY_CATALOGUE_DIR", catalogue().toString()), EnvConfigSource.ORDINAL))
                .withSources(new PropertiesConfigSource(Map.of("tongban.gateway.default-endpoint", "http://127.0.0.1:8085/{department}"),
                        "application.properties", 250))
                .withSources(new RegisteredDepartmentsFactory())
                .withMapping(GatewayConfig.class)
                .build();

        assertThat(smallRye.getConfigMapping(GatewayConfig.class).modeOf("pilot-bureau")).isEqualTo(DepartmentMode.CLERK);
    }

    @Test
    void withoutACatalogueFolderOnlyTheBuiltInDepartmentsAreRegistered() {
        GatewayConfig config = config(Map.of());

        assertThat(config.departments()).doesNotContainKey("pilot-bureau").containsKey("health");
        assertThat(config.evidenceKeyOf("health")).isEqualTo("health");
        assertThat(config.callbackSecretOf("health")).isEqualTo("health");
    }

    @Test
    void aCallbackSecretIsFoundUnderTheRegistrysNameNotTheId() throws IOException {
        Path secretsFile = home.resolve("department-secrets.properties");
        Files.writeString(secretsFile, "pilot-bureau-callbacks=right\npilot-bureau=wrong\nhealth=health-secret\n");
        DepartmentSecrets secrets = new DepartmentSecrets();
        secrets.config = config(Map.of("tongban.gateway.catalogue-dir", catalogue().toString(),
                "tongban.gateway.callback.secrets-file", secretsFile.toString()));
        secrets.load();

        assertThat(secrets.of("pilot-bureau")).isEqualTo("right");
        assertThat(secrets.of("health")).isEqualTo("health-secret");
    }

    @Test
    void anEvidenceKeyIsReadFromTheRegistrysFilesNotTheIds() throws IOException {
        Path keysDir = home.resolve("evidence");
        EvidenceKeys keys = new EvidenceKeys(keysDir);
        keys.generateMissing(List.of("pilot-bureau-2026", "health"));
        DepartmentEvidenceKeys departmentKeys = new DepartmentEvidenceKeys(
                config(Map.of("tongban.gateway.catalogue-dir", catalogue().toString())), keysDir.toString(), true);

        assertThat(departmentKeys.publicKeyOf("pilot-bureau")).isEqualTo(keys.publicKeyOf("pilot-bureau-2026").orElseThrow());
        assertThat(departmentKeys.privateKeyOf("pilot-bureau")).isEqualTo(keys.privateKeyOf("pilot-bureau-2026").orElseThrow());
        assertThat(departmentKeys.publicKeyOf("health")).isEqualTo(keys.publicKeyOf("health").orElseThrow());
    }

    @Test
    void aCatalogueFolderThatRegistersABuiltInDepartmentAgainStopsTheGateway() throws IOException {
        Path folder = Files.createDirectories(home.resolve("again"));
        Files.writeString(folder.resolve("departments.yaml"),
                "departments:\n  - {id: health, name: {zh: 卫健委, en: Health}}\n");

        assertThatThrownBy(() -> config(Map.of("tongban.gateway.catalogue-dir", folder.toString())))
                .hasStackTraceContaining("department health is already registered");
    }

    private Path catalogue() throws IOException {
        Path folder = Files.createDirectories(home.resolve("catalogue"));
        Files.writeString(folder.resolve("departments.yaml"), PILOT);
        return folder;
    }

    private static GatewayConfig config(Map<String, String> application) {
        Map<String, String> properties = new HashMap<>(application);
        properties.put("tongban.gateway.default-endpoint", "http://127.0.0.1:8085/departments/{department}/tasks");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new RegisteredDepartmentsFactory())
                .withMapping(GatewayConfig.class)
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
