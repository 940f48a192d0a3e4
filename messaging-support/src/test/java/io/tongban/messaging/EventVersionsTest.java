package io.tongban.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongban.contracts.EventTypes;
import org.junit.jupiter.api.Test;

class EventVersionsTest {

    @Test
    void aNewerMajorVersionOfAKnownTypeIsPoisonNamingBothVersions() {
        assertThatThrownBy(() -> EventVersions.requireUnderstood("tongban.matter.submitted.v2"))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("schema version v2 of tongban.matter.submitted is newer than this consumer understands (v1)");
    }

    @Test
    void aMuchNewerVersionNamesTheNewestKnownOne() {
        assertThatThrownBy(() -> EventVersions.requireUnderstood("tongban.task.dispatched.v7"))
                .hasMessageContaining("v7 of tongban.task.dispatched").hasMessageEndingWith("(v1)");
    }

    @Test
    void aKnownTypePasses() {
        assertThatCode(() -> EventVersions.requireUnderstood(EventTypes.MATTER_SUBMITTED)).doesNotThrowAnyException();
    }

    @Test
    void anUnknownTypeIsLeftToTheHandlerToRefuse() {
        // never defined in any version: the handler dead-letters it as an unknown type
        assertThatCode(() -> EventVersions.requireUnderstood("tongban.matter.teleported.v2")).doesNotThrowAnyException();
        assertThatCode(() -> EventVersions.requireUnderstood("not-versioned")).doesNotThrowAnyException();
        assertThatCode(() -> EventVersions.requireUnderstood("tongban.matter.submitted.v99999999999"))
                .doesNotThrowAnyException();
    }
}
