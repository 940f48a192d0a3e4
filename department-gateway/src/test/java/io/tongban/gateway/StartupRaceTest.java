package io.tongban.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.testsupport.PlatformTestResources;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
class StartupRaceTest {

    @Test
    void wakingTheOutboxRelayBeforeReactiveMessagingIsReadyFailsNothing() {
        assertThat(EarlyOutboxCaller.failure).as("wake() before the emitter is wired").isNull();
        assertThat(EarlyOutboxCaller.called).isTrue();
    }
}
