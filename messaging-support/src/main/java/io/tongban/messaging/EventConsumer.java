package io.tongban.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Applies one incoming event effectively once (ARCHITECTURE §4): in ONE transaction it records
 * (consumer, event id), runs the handler's state change and outbox inserts; a redelivered event changes
 * nothing. The record is acknowledged (its offset may be committed) only after that transaction.
 * Poison goes to the dead-letter topic at once; a transient failure (database down) is retried with
 * back-off, and only after the retries run out is the record dead-lettered with the last failure.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "tongban.messaging.transient-retries", defaultValue = "60")
    int transientRetries;

    public Uni<Void> consume(Message<String> message, String consumer, Function<IncomingEvent, Uni<Void>> handler) {
        IncomingEvent event;
        try {
            event = IncomingEvent.from(message);
            EventVersions.requireUnderstood(event.type());
        } catch (PoisonEventException e) {
            return deadLetter(message, consumer, e);
        }
        Executor onContext = contextExecutor();
        // a transaction that added no outbox rows (a repeat, a projection) owes no relay pass; another consumer's
        // rows moving the count too only cost a pass that the relay coalesces with theirs
        long rowsBefore = outbox.rowsAdded();
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() ->
                        processedEvents.firstDelivery(consumer, event.id())
                                .chain(first -> first ? handler.apply(event) : Uni.createFrom().voidItem())))
                .runSubscriptionOn(onContext)
                .onFailure(t -> !(t instanceof PoisonEventException))
                .invoke(t -> LOG.warnf("%s: event %s (%s) failed, retrying: %s", consumer, event.id(), event.type(), t.getMessage()))
                .onFailure(t -> !(t instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(transientRetries)
                .invoke(() -> {
                    if (outbox.rowsAdded() != rowsBefore) {
                        relay.wake();
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(t -> deadLetter(message, consumer, t));
    }

    private static Uni<Void> deadLetter(Message<String> message, String consumer, Throwable reason) {
        LOG.errorf("%s: record sent to the dead-letter topic: %s", consumer, reason.getMessage());
        return Uni.createFrom().completionStage(message.nack(reason));
    }

    /** Hibernate Reactive must run on the Vert.x context the record arrived on, retries included. */
    private static Executor contextExecutor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
