package io.tongban.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.Topics;
import io.tongban.messaging.OutboxRelay;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shared outbox relay (messaging-support) as the intake service runs it, against real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class OutboxRelayTest {
    static final String DB = SubmitMatterTest.DB;

    @Inject
    OutboxRelay relay;

    @Test
    void oneMattersEventsCommittedTogetherLeaveInCommitOrderAndTheOutboxEmpties() {
        String matterId = UUID.randomUUID().toString();
        insertEvents(matterId, 120);

        relay.wake();

        List<TopicProbe.Seen> seen = await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.MATTERS), s -> s.size() >= 120);
        assertThat(seen).extracting(TopicProbe.Seen::value)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 120).mapToObj(n -> "{\"n\":" + n + "}").toList());
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> outboxRowsOf(matterId) == 0);
    }

    @Test
    void rowsNobodyWokeTheRelayForAreSweptUp() {
        String matterId = UUID.randomUUID().toString();
        insertEvents(matterId, 1);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.MATTERS), s -> s.size() == 1);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> outboxRowsOf(matterId) == 0);
    }

    @Test
    void aBurstOfCommitsIsServedByAFewPassesNotOneEach() throws Exception {
        String matterId = UUID.randomUUID().toString();
        insertEvents(matterId, 200);
        long passesBefore = relay.passes();

        // 200 commits finishing at the same moment, each waking the relay as the services do after a commit
        ExecutorService committers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            committers.execute(relay::wake);
        }
        committers.shutdown();
        assertThat(committers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> outboxRowsOf(matterId) == 0);
        assertThat(TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.MATTERS)).hasSize(200);
        // a sweep (every second) may add a pass or two while the test runs
        assertThat(relay.passes() - passesBefore).isLessThanOrEqualTo(10);
    }

    private static void insertEvents(String matterId, int count) {
        DbProbe.execute(DB, "insert into outbox_event (event_id, topic, message_key, event_type, source, subject, payload,"
                + " occurred_at) select gen_random_uuid(), '" + Topics.MATTERS + "', '" + matterId
                + "', 'tongban.matter.rated.v1', '/intake-service', '" + matterId + "', '{\"n\":' || n || '}', now()"
                + " from generate_series(1, " + count + ") n order by n");
    }

    private static long outboxRowsOf(String matterId) {
        return DbProbe.count(DB, "select count(*) from outbox_event where message_key = '" + matterId + "'");
    }
}
