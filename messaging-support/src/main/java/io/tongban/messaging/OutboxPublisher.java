package io.tongban.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The outbox's emitter, in a bean of its own: creating it connects the emitter to the {@code outbox-out} channel,
 * which Reactive Messaging allows only once it has wired its channels (SRMSG00019 before). {@link OutboxRelay}
 * touches this bean only after that (see {@link OutboxRelay#messagingReady}), so nothing of the relay runs early.
 */
@ApplicationScoped
public class OutboxPublisher {
    static final int BUFFER = 2000;

    @Inject
    @Channel("outbox-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
    MutinyEmitter<String> emitter;

    public Uni<Void> send(Message<String> message) {
        return emitter.sendMessage(message);
    }
}
