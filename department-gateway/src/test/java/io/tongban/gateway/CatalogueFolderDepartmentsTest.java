package io.tongban.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.gateway.config.DepartmentMode;
import io.tongban.gateway.config.DepartmentSecrets;
import io.tongban.gateway.config.GatewayConfig;
import io.tongban.testsupport.PlatformTestResources;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The running gateway reads the registry through Quarkus' own configuration: the built-in departments and the
 * {@code departments.yaml} of {@code tongban.gateway.catalogue-dir} (src/test/resources/test-catalogue).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
class CatalogueFolderDepartmentsTest {
    @Inject
    GatewayConfig config;

    @Inject
    DepartmentSecrets secrets;

    @Test
    void aDepartmentOfTheCatalogueFolderHasItsRegistrySettings() {
        assertThat(config.modeOf("pilot-bureau")).isEqualTo(DepartmentMode.CLERK);
        assertThat(config.departments().get("pilot-bureau").inFlightLimit()).contains(3);
        assertThat(config.answerTimeout("pilot-bureau")).isEqualTo(Duration.ofMinutes(7));
        assertThat(config.evidenceKeyOf("pilot-bureau")).isEqualTo("pilot-bureau-2026");
    }

    @Test
    void theBuiltInDepartmentsKeepTheirRegistrySettings() {
        assertThat(config.departments().get("tax").answerTimeout()).contains(Duration.ofMinutes(2));
        assertThat(config.evidenceKeyOf("health")).isEqualTo("health");
    }

    @Test
    void itsCallbackSecretIsTheOneNamedByTheRegistry() {
        assertThat(secrets.of("pilot-bureau")).isEqualTo("pilot-secret");
    }
}
