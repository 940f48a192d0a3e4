package io.tongban.contracts.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandOffSignatureTest {
    private static final KeyPair PLATFORM = EvidenceKeys.generate();
    private static final KeyPair HEALTH = EvidenceKeys.generate();

    private static DepartmentTaskAssigned task(Object inputValue) {
        return new DepartmentTaskAssigned("m-1:birth-certificate", "m-1", "newborn", "birth-certificate", "health", "出生医学证明",
                "Birth certificate", Map.of("hospital", inputValue), List.of("birthCertificateNo"),
                Instant.parse("2026-11-29T07:00:00Z"), null);
    }

    @Test
    void aSignedTaskVerifiesWithThePlatformsPublicKey() {
        HandOff handOff = HandOff.task(EventTypes.DEPARTMENT_TASK_ASSIGNED, task("市第一人民医院"));
        String signature = HandOffSignature.sign(PLATFORM.getPrivate(), handOff);

        assertThat(HandOffSignature.verify(PLATFORM.getPublic(), handOff, signature)).isTrue();
    }

    @Test
    void aChangedTaskNoLongerVerifies() {
        String signature = HandOffSignature.sign(PLATFORM.getPrivate(), HandOff.task(EventTypes.DEPARTMENT_TASK_ASSIGNED, task("A")));

        assertThat(HandOffSignature.verify(PLATFORM.getPublic(), HandOff.task(EventTypes.DEPARTMENT_TASK_ASSIGNED, task("B")),
                signature)).isFalse();
    }

    @Test
    void anotherKeysSignatureDoesNotVerify() {
        HandOff handOff = HandOff.task(EventTypes.DEPARTMENT_TASK_ASSIGNED, task("A"));

        assertThat(HandOffSignature.verify(PLATFORM.getPublic(), handOff, HandOffSignature.sign(HEALTH.getPrivate(), handOff)))
                .isFalse();
        assertThat(HandOffSignature.verify(PLATFORM.getPublic(), handOff, "not base64!")).isFalse();
        assertThat(HandOffSignature.verify(PLATFORM.getPublic(), handOff, null)).isFalse();
    }

    @Test
    void theTaskAsReceivedOverTheWireGivesTheSameHandOffAsTheRecordItWasWrittenFrom() {
        DepartmentTaskAssigned sent = task("市第一人民医院");
        String wire = EventJson.write(sent);

        assertThat(HandOff.task(EventTypes.DEPARTMENT_TASK_ASSIGNED, wire))
                .isEqualTo(HandOff.task(EventTypes.DEPARTMENT_TASK_ASSIGNED, sent));
    }

    @Test
    void aDepartmentsCallbackAnswerAndTheResultEventTheGatewayMakesOfItAreTheSameHandOff() {
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("outputs", Map.of("birthCertificateNo", "BCN1"));
        callback.put("outcome", "completed");
        callback.put("taskId", "m-1:birth-certificate");
        DepartmentTaskCompleted event = new DepartmentTaskCompleted("m-1:birth-certificate", "m-1", "health",
                Map.of("birthCertificateNo", "BCN1"), Instant.now());

        HandOff fromCallback = HandOff.answer("m-1", "health", callback);
        HandOff fromEvent = HandOff.result(EventTypes.DEPARTMENT_TASK_COMPLETED, EventJson.write(event));

        assertThat(fromCallback).isEqualTo(fromEvent);
        assertThat(HandOffSignature.verify(HEALTH.getPublic(), fromEvent, HandOffSignature.sign(HEALTH.getPrivate(), fromCallback)))
                .isTrue();
    }

    @Test
    void canonicalJsonSortsMembersAndLeavesOutNulls() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", Map.of("y", "é", "x", List.of(2, 1)));
        value.put("c", null);

        assertThat(CanonicalJson.of(value)).isEqualTo("{\"a\":{\"x\":[2,1],\"y\":\"é\"},\"b\":1}");
        assertThat(CanonicalJson.ofText("{ \"b\" : 1, \"c\": null, \"a\": {\"y\":\"é\",\"x\":[2,1]} }"))
                .isEqualTo(CanonicalJson.of(value));
    }

    @Test
    void keysWrittenAsPemAreReadBackAndExistingOnesAreKept(@TempDir Path folder) throws Exception {
        EvidenceKeys keys = new EvidenceKeys(folder);

        assertThat(keys.generateMissing(List.of("platform", "health"))).containsExactly("platform", "health");
        String before = Files.readString(folder.resolve("health.pub"));
        assertThat(keys.generateMissing(List.of("platform", "health", "tax"))).containsExactly("tax");
        assertThat(Files.readString(folder.resolve("health.pub"))).isEqualTo(before);

        HandOff handOff = HandOff.task(EventTypes.DEPARTMENT_TASK_ASSIGNED, task("A"));
        String signature = HandOffSignature.sign(keys.privateKeyOf("health").orElseThrow(), handOff);
        assertThat(HandOffSignature.verify(keys.publicKeyOf("health").orElseThrow(), handOff, signature)).isTrue();
        assertThat(keys.publicKeyOf("nobody")).isEmpty();
    }
}
