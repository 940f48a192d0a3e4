package io.tongban.orchestrator.config;

import io.quarkus.runtime.StartupEvent;
import io.tongban.catalogue.CatalogueLoader;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.WorkingCalendar;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import io.quarkus.arc.DefaultBean;
import io.tongban.orchestrator.domain.EscalationLevel;

public class OrchestratorBeans {

    /** Loaded and validated at start-up: a broken definition stops the service with file, field and problem. */
    @Produces
    @Singleton
    MatterCatalogue catalogue(OrchestratorConfig config) {
        return CatalogueLoader.load(config.catalogueDir().orElse(null));
    }

    void loadCatalogueAtStartUp(@Observes StartupEvent start, MatterCatalogue catalogue) {
        catalogue.latestOfEach();
    }

    @Produces
    @Singleton
    WorkingCalendar calendar(OrchestratorConfig config) {
        OrchestratorConfig.Calendar c = config.calendar();
        return new WorkingCalendar(ZoneId.of(c.zone()), c.holidays().orElse(Set.of()),
                c.extraWorkingDays().orElse(Set.of()));
    }

    @Produces
    @Singleton
    List<EscalationLevel> escalationLevels(OrchestratorConfig config) {
        return config.deadlines().levels().stream().map(EscalationLevel::parse).toList();
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
