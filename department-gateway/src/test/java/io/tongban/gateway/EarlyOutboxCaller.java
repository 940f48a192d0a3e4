package io.tongban.gateway;

import io.quarkus.runtime.StartupEvent;
import io.tongban.messaging.OutboxRelay;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Wakes the outbox relay at start-up before Reactive Messaging has wired its channels, as the scheduler's sweeps, a
 * consumer or an early callback did in the field ("Error injecting …MutinyEmitter", SRMSG00019).
 */
@ApplicationScoped
public class EarlyOutboxCaller {
    static volatile boolean called;
    static volatile RuntimeException failure;

    @Inject
    OutboxRelay relay;

    void beforeReactiveMessaging(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) StartupEvent started) {
        try {
            relay.wake();
            called = true;
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}
