package io.tongban.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tongban.catalogue.DepartmentRegistryLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * The gateway's per-department settings as Quarkus builds them: the same SmallRye sources (the environment at
 * its ordinal 300, application.properties at 250, the registry at 150), fed with chosen values.
 */
class DepartmentConfigurationTest {
    private static final Map<String, String> APPLICATION = Map.of(
            "tongban.gateway.default-endpoint", "http://127.0.0.1:8085/departments/{department}/tasks");

    @Test
    void aHyphenatedDepartmentsModeIsSetFromTheEnvironment() {
        GatewayConfig config = config(Map.of("TONGBAN_GATEWAY_DEPARTMENTS__PUBLIC_SECURITY__MODE", "kafka"), Map.of(), true);

        assertThat(config.modeOf("public-security")).isEqualTo(DepartmentMode.KAFKA);
        assertThat(config.modeOf("health")).isEqualTo(DepartmentMode.HTTP);
    }

    @Test
    void withoutTheRegistryTheEnvironmentCouldNotNameAHyphenatedDepartment() {
        // the finding of issue 13: the variable was silently ignored
        GatewayConfig config = config(Map.of("TONGBAN_GATEWAY_DEPARTMENTS__PUBLIC_SECURITY__MODE", "kafka"), Map.of(), false);

        assertThat(config.modeOf("public-security")).isEqualTo(DepartmentMode.HTTP);
    }

    @Test
    void anEndpointAndAnAnswerTimeoutOfAHyphenatedDepartmentAreSetFromTheEnvironment() {
        GatewayConfig config = config(Map.of(
                "TONGBAN_GATEWAY_DEPARTMENTS__MEDICAL_INSURANCE__ENDPOINT", "https://yb.example.gov.cn/tasks",
                "TONGBAN_GATEWAY_DEPARTMENTS__MEDICAL_INSURANCE__ANSWER_TIMEOUT", "PT10M"), Map.of(), true);

        assertThat(config.endpointOf("medical-insurance")).isEqualTo("https://yb.example.gov.cn/tasks");
        assertThat(config.departments().get("medical-insurance").answerTimeout()).contains(Duration.ofMinutes(10));
    }

    @Test
    void everyRegisteredDepartmentHasItsRegistrySettings() {
        GatewayConfig config = config(Map.of(), Map.of(), true);

        assertThat(config.departments().keySet()).containsExactlyInAnyOrderElementsOf(DepartmentRegistryLoader.loadBuiltIn().ids());
        GatewayConfig.Department health = config.departments().get("health");
        assertThat(health.mode()).isEqualTo(DepartmentMode.HTTP);
        assertThat(health.inFlightLimit()).contains(8);
        assertThat(health.answerTimeout()).contains(Duration.ofMinutes(2));
        assertThat(health.maxDeliveries()).contains(5);
        assertThat(config.endpointOf("health")).isEqualTo("http://127.0.0.1:8085/departments/health/tasks");
    }

    @Test
    void applicationPropertiesWinOverTheRegistryAndStillAddDepartmentsOfTheirOwn() {
        GatewayConfig config = config(Map.of(), Map.of(
                "tongban.gateway.departments.\"tax\".mode", "clerk",
                "tongban.gateway.departments.\"tax\".max-deliveries", "2",
                "tongban.gateway.departments.\"pilot-dept\".mode", "kafka"), true);

        assertThat(config.modeOf("tax")).isEqualTo(DepartmentMode.CLERK);
        assertThat(config.departments().get("tax").maxDeliveries()).contains(2);
        assertThat(config.departments().get("tax").answerTimeout()).contains(Duration.ofMinutes(2));
        assertThat(config.modeOf("pilot-dept")).isEqualTo(DepartmentMode.KAFKA);
    }

    @Test
    void eachDepartmentsModeIsOneLineAtStartWithoutCredentials() {
        GatewayConfig config = config(Map.of(
                "TONGBAN_GATEWAY_DEPARTMENTS__PUBLIC_SECURITY__MODE", "kafka",
                "TONGBAN_GATEWAY_DEPARTMENTS__TAX__ENDPOINT", "https://svc:hunter2@tax.example.gov.cn/tasks?token=abc"),
                Map.of(), true);

        List<String> lines = new DepartmentModesAtStart(config).lines();

        assertThat(lines).hasSize(DepartmentRegistryLoader.loadBuiltIn().ids().size());
        assertThat(lines).contains("department public-security: mode kafka (its system reads its tasks topic itself; "
                + "the gateway leaves its tasks alone), in-flight limit 8, answer timeout PT2M, max deliveries 5");
        assertThat(lines).contains("department tax: mode http, endpoint https://tax.example.gov.cn/tasks, "
                + "in-flight limit 8, answer timeout PT2M, max deliveries 5");
        assertThat(String.join("\n", lines)).doesNotContain("hunter2").doesNotContain("abc");
    }

    private static GatewayConfig config(Map<String, String> environment, Map<String, String> application,
                                        boolean withRegistry) {
        Map<String, String> properties = new java.util.HashMap<>(APPLICATION);
        properties.putAll(application);
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(new EnvConfigSource(environment, EnvConfigSource.ORDINAL));
        sources.add(new PropertiesConfigSource(properties, "application.properties", 250));
        if (withRegistry) {
            sources.add(new RegisteredDepartments());
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(sources.toArray(ConfigSource[]::new))
                .withMapping(GatewayConfig.class)
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
