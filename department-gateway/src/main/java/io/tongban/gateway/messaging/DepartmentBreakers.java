package io.tongban.gateway.messaging;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.tongban.gateway.config.GatewayConfig;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per department (SmallRye Fault Tolerance): a department that keeps failing is left
 * alone for a while instead of burning every delivery's attempts, and the other departments are unaffected.
 * The map holds one small guard per configured or seen department id, so it stays bounded.
 */
@ApplicationScoped
public class DepartmentBreakers {
    private final Map<String, TypedGuard<Uni<HttpResponse<Buffer>>>> guards = new ConcurrentHashMap<>();

    @Inject
    GatewayConfig config;

    public TypedGuard<Uni<HttpResponse<Buffer>>> of(String department) {
        return guards.computeIfAbsent(department, this::create);
    }

    private TypedGuard<Uni<HttpResponse<Buffer>>> create(String department) {
        GatewayConfig.CircuitBreaker cb = config.circuitBreaker();
        return TypedGuard.create(new TypeLiteral<Uni<HttpResponse<Buffer>>>() {
                })
                .withDescription("deliveries to " + department)
                .withCircuitBreaker()
                .requestVolumeThreshold(cb.requestVolumeThreshold())
                .failureRatio(cb.failureRatio())
                .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .done()
                .build();
    }
}
