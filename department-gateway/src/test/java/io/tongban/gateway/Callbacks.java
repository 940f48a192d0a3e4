package io.tongban.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tongban.gateway.domain.CallbackSignature;
import java.time.Instant;
import java.util.UUID;

/** Result callbacks as a department system sends them: signed with the department's secret. */
final class Callbacks {
    private Callbacks() {
    }

    static ValidatableResponse post(String department, String body) {
        return post(department, body, UUID.randomUUID().toString(), Instant.now(), DepartmentSystemStub.secretOf(department));
    }

    static ValidatableResponse post(String department, String body, String requestId, Instant at, String secret) {
        String timestamp = Long.toString(at.getEpochSecond());
        return given().contentType(ContentType.JSON)
                .header(CallbackSignature.TIMESTAMP, timestamp)
                .header(CallbackSignature.REQUEST_ID, requestId)
                .header(CallbackSignature.SIGNATURE, CallbackSignature.sign(secret, timestamp, requestId, body))
                .body(body)
                .post("/api/departments/" + department + "/results")
                .then();
    }
}
