package io.tongban.intake.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which I/O failures are the client's (400) and which the platform's (503, retry): seen in the fault suite. */
class ProblemMappersTest {

    @Test
    void aBodyThatIsNotTheMultipartItDeclaresIsTheClientsFault() {
        assertThat(ProblemMappers.isUnreadableMultipart(new IOException("Connection terminated reading multipart data")))
                .isTrue();
    }

    @Test
    void theDatabaseRefusingConnectionsIsNotTheClientsFault() {
        assertThat(ProblemMappers.isUnreadableMultipart(new ConnectException("Connection refused: /127.0.0.1:26432")))
                .isFalse();
    }
}
