package io.tongban.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.gateway.domain.CallbackSignature;
import io.tongban.testsupport.TestEvidence;
import java.time.Instant;
import java.util.UUID;

/**
 * Result callbacks as a department system sends them: signed with the department's secret (HMAC) and the answer
 * signed with the department's evidence key (Ed25519).
 */
final class Callbacks {
    private Callbacks() {
    }

    /** The department's evidence signature of the answer; task ids are {@code <matterId>:<taskKey>}. */
    static String evidenceSignature(String department, String body) {
        try {
            String taskId = EventJson.mapper().readTree(body).path("taskId").asText();
            String matterId = taskId.contains(":") ? taskId.substring(0, taskId.indexOf(':')) : taskId;
            return TestEvidence.sign(department, HandOff.answer(matterId, department, body));
        } catch (Exception e) {
            return "unsigned"; // a malformed body: the gateway refuses it before looking at this
        }
    }

    static ValidatableResponse post(String department, String body) {
        return post(department, body, UUID.randomUUID().toString(), Instant.now(), DepartmentSystemStub.secretOf(department));
    }

    static ValidatableResponse post(String department, String body, String requestId, Instant at, String secret) {
        return post(department, body, requestId, at, secret, evidenceSignature(department, body));
    }

    /** With a valid HMAC and the given evidence signature (null: none). */
    static ValidatableResponse postWithEvidence(String department, String body, String evidenceSignature) {
        return post(department, body, UUID.randomUUID().toString(), Instant.now(), DepartmentSystemStub.secretOf(department),
                evidenceSignature);
    }

    private static ValidatableResponse post(String department, String body, String requestId, Instant at, String secret,
                                            String evidenceSignature) {
        String timestamp = Long.toString(at.getEpochSecond());
        var request = given().contentType(ContentType.JSON)
                .header(CallbackSignature.TIMESTAMP, timestamp)
                .header(CallbackSignature.REQUEST_ID, requestId)
                .header(CallbackSignature.SIGNATURE, CallbackSignature.sign(secret, timestamp, requestId, body));
        if (evidenceSignature != null) {
            request.header(EvidenceHeaders.HTTP_SIGNATURE, evidenceSignature);
        }
        return request.body(body).post("/api/departments/" + department + "/results").then();
    }
}
