package io.tongban.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String TS = Long.toString(NOW.getEpochSecond());
    private static final String BODY = "{\"taskId\":\"m:t\",\"outcome\":\"completed\"}";

    @Test
    void theSignatureIsHmacSha256OfTimestampRequestIdAndBody() {
        // reference value computed independently: printf '%s' '1795939200.r1.{"a":1}' | openssl dgst -sha256 -hmac s3cret
        assertThat(CallbackSignature.sign("s3cret", "1795939200", "r1", "{\"a\":1}"))
                .isEqualTo("sha256=7ec6a2942dddff20dca455f5c170b6bef96519502ad953cc78d6b122b755ddcf");
    }

    @Test
    void aCorrectlySignedFreshCallbackPasses() {
        String signature = CallbackSignature.sign("s3cret", TS, "r1", BODY);

        assertThat(CallbackSignature.problemWith("s3cret", TS, "r1", signature, BODY, NOW, WINDOW)).isEmpty();
    }

    @Test
    void anotherSecretAnotherBodyOrAnotherRequestIdFails() {
        String signature = CallbackSignature.sign("s3cret", TS, "r1", BODY);

        assertThat(CallbackSignature.problemWith("other", TS, "r1", signature, BODY, NOW, WINDOW)).isPresent();
        assertThat(CallbackSignature.problemWith("s3cret", TS, "r1", signature, BODY + " ", NOW, WINDOW)).isPresent();
        assertThat(CallbackSignature.problemWith("s3cret", TS, "r2", signature, BODY, NOW, WINDOW)).isPresent();
    }

    @Test
    void aTimestampOutsideTheWindowFailsOnEitherSide() {
        String old = Long.toString(NOW.minus(WINDOW).minusSeconds(1).getEpochSecond());
        String future = Long.toString(NOW.plus(WINDOW).plusSeconds(1).getEpochSecond());

        assertThat(CallbackSignature.problemWith("s3cret", old, "r1", CallbackSignature.sign("s3cret", old, "r1", BODY), BODY,
                NOW, WINDOW)).contains("timestamp outside the accepted window");
        assertThat(CallbackSignature.problemWith("s3cret", future, "r1", CallbackSignature.sign("s3cret", future, "r1", BODY),
                BODY, NOW, WINDOW)).isPresent();
    }

    @Test
    void missingHeadersOrAnUnknownDepartmentFail() {
        assertThat(CallbackSignature.problemWith(null, TS, "r1", "sha256=00", BODY, NOW, WINDOW)).isPresent();
        assertThat(CallbackSignature.problemWith("s3cret", null, "r1", "sha256=00", BODY, NOW, WINDOW)).isPresent();
        assertThat(CallbackSignature.problemWith("s3cret", TS, null, "sha256=00", BODY, NOW, WINDOW)).isPresent();
        assertThat(CallbackSignature.problemWith("s3cret", TS, "r1", null, BODY, NOW, WINDOW)).isPresent();
        assertThat(CallbackSignature.problemWith("s3cret", "yesterday", "r1", "sha256=00", BODY, NOW, WINDOW)).isPresent();
    }
}
