package io.tongban.contracts.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EvidenceChainTest {
    private static final KeyPair PLATFORM = EvidenceKeys.generate();
    private static final KeyPair HEALTH = EvidenceKeys.generate();

    private static PublicKey keyOf(String signer) {
        return "platform".equals(signer) ? PLATFORM.getPublic() : "health".equals(signer) ? HEALTH.getPublic() : null;
    }

    private static HandOff rebuild(EvidenceChain.Link link) {
        return link.handOff().kind() == HandOff.Kind.TASK
                ? HandOff.task(link.handOff().eventType(), link.payloadJson())
                : HandOff.result(link.handOff().eventType(), link.payloadJson());
    }

    private static EvidenceChain.Link link(long seq, String prev, String type, Object data, String signer, KeyPair key) {
        String payload = EventJson.write(data);
        HandOff handOff = type.equals(EventTypes.DEPARTMENT_TASK_ASSIGNED) ? HandOff.task(type, payload) : HandOff.result(type, payload);
        String signature = HandOffSignature.sign(key.getPrivate(), handOff);
        String eventId = UUID.randomUUID().toString();
        String hash = EvidenceChain.hash(prev, eventId, EvidenceChain.payloadHash(payload), signer, signature, handOff);
        return new EvidenceChain.Link(seq, eventId, handOff, payload, signer, signature, prev, hash);
    }

    private static List<EvidenceChain.Link> chain() {
        EvidenceChain.Link task = link(1, EvidenceChain.GENESIS, EventTypes.DEPARTMENT_TASK_ASSIGNED,
                new DepartmentTaskAssigned("m:t", "m", "newborn", "t", "health", "z", "e", Map.of("a", "1"), List.of("no"),
                        Instant.parse("2026-11-29T07:00:00Z"), null), "platform", PLATFORM);
        EvidenceChain.Link result = link(2, task.hash(), EventTypes.DEPARTMENT_TASK_COMPLETED,
                new DepartmentTaskCompleted("m:t", "m", "health", Map.of("no", "N1"), Instant.parse("2026-11-29T07:01:00Z")),
                "health", HEALTH);
        return new ArrayList<>(List.of(task, result));
    }

    @Test
    void anUntouchedChainVerifies() {
        assertThat(EvidenceChain.firstBreak(chain(), EvidenceChainTest::keyOf, EvidenceChainTest::rebuild)).isEmpty();
    }

    @Test
    void aChangedPayloadIsNamedAsTheFirstBreak() {
        List<EvidenceChain.Link> links = chain();
        EvidenceChain.Link result = links.get(1);
        links.set(1, new EvidenceChain.Link(2, result.eventId(), result.handOff(),
                result.payloadJson().replace("N1", "N2"), result.signer(), result.signature(), result.prevHash(), result.hash()));

        assertThat(EvidenceChain.firstBreak(links, EvidenceChainTest::keyOf, EvidenceChainTest::rebuild))
                .hasValueSatisfying(b -> {
                    assertThat(b.seq()).isEqualTo(2);
                    assertThat(b.eventId()).isEqualTo(result.eventId());
                });
    }

    @Test
    void aChangedTimestampOutsideTheSignedAnswerIsStillCaughtByTheHash() {
        List<EvidenceChain.Link> links = chain();
        EvidenceChain.Link result = links.get(1);
        links.set(1, new EvidenceChain.Link(2, result.eventId(), result.handOff(),
                result.payloadJson().replace("07:01", "07:02"), result.signer(), result.signature(), result.prevHash(),
                result.hash()));

        assertThat(EvidenceChain.firstBreak(links, EvidenceChainTest::keyOf, EvidenceChainTest::rebuild))
                .hasValueSatisfying(b -> assertThat(b.reason()).contains("hash"));
    }

    @Test
    void aRemovedHandOffBreaksTheChain() {
        List<EvidenceChain.Link> links = chain();
        links.remove(0);

        assertThat(EvidenceChain.firstBreak(links, EvidenceChainTest::keyOf, EvidenceChainTest::rebuild))
                .hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(2));
    }

    @Test
    void aResultSignedWithAnotherDepartmentsKeyDoesNotVerify() {
        List<EvidenceChain.Link> links = chain();
        EvidenceChain.Link task = links.get(0);
        links.set(1, link(2, task.hash(), EventTypes.DEPARTMENT_TASK_COMPLETED,
                new DepartmentTaskCompleted("m:t", "m", "health", Map.of("no", "N1"), Instant.now()), "health", PLATFORM));

        assertThat(EvidenceChain.firstBreak(links, EvidenceChainTest::keyOf, EvidenceChainTest::rebuild))
                .hasValueSatisfying(b -> assertThat(b.reason()).contains("signature of health"));
    }
}
