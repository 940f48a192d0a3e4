package io.tongban.intake.config;

import io.tongban.catalogue.CatalogueLoader;
import io.tongban.catalogue.FormValidator;
import io.tongban.catalogue.MatterCatalogue;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

public class IntakeBeans {

    /** Loaded and validated at start-up: a broken definition stops the service with file, field and problem. */
    @Produces
    @Singleton
    MatterCatalogue catalogue(IntakeConfig config) {
        return CatalogueLoader.load(config.catalogueDir().orElse(null));
    }

    void loadCatalogueAtStartUp(@Observes StartupEvent start, MatterCatalogue catalogue) {
        catalogue.latestOfEach();
    }

    @Produces
    @Singleton
    FormValidator formValidator() {
        return new FormValidator();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
