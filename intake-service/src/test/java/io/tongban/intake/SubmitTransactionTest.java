package io.tongban.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** State and events in one transaction: when the outbox insert fails, the matter is not stored and nothing is sent. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class SubmitTransactionTest {
    static final String DB = SubmitMatterTest.DB;
    static final String MARKER = "事务失败标记";

    @BeforeEach
    void outboxRefusesTheMarker() {
        DbProbe.execute(DB, """
                create or replace function refuse_marker() returns trigger language plpgsql as $$
                begin
                  if new.payload like '%%%s%%' then raise exception 'test: outbox insert refused'; end if;
                  return new;
                end $$""".formatted(MARKER));
        DbProbe.execute(DB, "drop trigger if exists refuse_marker on outbox_event");
        DbProbe.execute(DB, "create trigger refuse_marker before insert on outbox_event "
                + "for each row execute function refuse_marker()");
    }

    @AfterEach
    void dropTrigger() {
        DbProbe.execute(DB, "drop trigger if exists refuse_marker on outbox_event");
    }

    @Test
    void aSubmitWhoseTransactionFailsStoresNothingAndPublishesNothing() {
        Api.as("applicant-tx").contentType(ContentType.JSON).body(Api.NEWBORN.replace("王小明", MARKER))
                .post("/api/matters")
                .then().statusCode(500).contentType("application/problem+json");

        assertThat(DbProbe.count(DB, "select count(*) from submitted_matter where form like '%" + MARKER + "%'"))
                .isZero();
        await().during(Duration.ofSeconds(3)).atMost(Waits.upTo(Duration.ofSeconds(10))).until(() ->
                TopicProbe.readAll(TestKafka.bootstrapServers(), Topics.MATTERS).stream()
                        .noneMatch(seen -> seen.value() != null && seen.value().contains(MARKER)));
    }
}
