package io.tongban.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox sweep (ARCHITECTURE §4, "a sweep catches leftovers"): a committed outbox row that no relay pass
 * published — as a process that crashed between its commit and its relay leaves it — is published and removed
 * without any commit waking the relay.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class OutboxSweepTest {
    private static final String DB = "intake_test";

    @Test
    void aLeftoverOutboxRowIsPublishedByTheSweep() {
        String matterId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        DbProbe.execute(DB, "insert into outbox_event (event_id, topic, message_key, event_type, source, subject, payload, occurred_at) "
                + "values ('" + eventId + "', '" + Topics.MATTERS + "', '" + matterId + "', 'tongban.matter.withdrawn.v1', "
                + "'/intake-service', '" + matterId + "', '{\"matterId\":\"" + matterId + "\"}', now())");

        // the sweep starts 5 s after start-up and runs every second
        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> DbProbe.count(DB,
                "select count(*) from outbox_event where event_id = '" + eventId + "'") == 0);
        assertThat(TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.MATTERS))
                .singleElement().satisfies(seen -> assertThat(seen.headers()).containsEntry("ce_id", eventId));
    }
}
