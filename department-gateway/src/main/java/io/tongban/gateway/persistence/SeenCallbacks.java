package io.tongban.gateway.persistence;

import io.quarkus.scheduler.Scheduled;
import io.tongban.gateway.config.GatewayConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/** Forgets callback request ids once their timestamps are outside the window (they would be refused anyway). */
@ApplicationScoped
public class SeenCallbacks {
    private static final Logger LOG = Logger.getLogger(SeenCallbacks.class);

    @Inject
    Pool pool;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        // twice the window: a request stamped at the edge of the window stays refusable until it expires
        var before = clock.instant().minus(config.callback().window().multipliedBy(2)).atOffset(ZoneOffset.UTC);
        pool.preparedQuery("delete from seen_callback where seen_at < $1").execute(Tuple.of(before))
                .subscribe().with(rows -> { }, failure -> LOG.warnf("pruning seen callbacks failed: %s", failure.getMessage()));
    }
}
