package io.tongban.gateway.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

public class GatewayBeans {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
