package io.tongban.status.config;

import io.tongban.catalogue.CatalogueLoader;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.WorkingCalendar;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;

public class StatusBeans {
    @Produces
    @Singleton
    WorkingCalendar calendar(StatusConfig config) {
        StatusConfig.Calendar c = config.calendar();
        return new WorkingCalendar(ZoneId.of(c.zone()), c.holidays().orElse(Set.of()),
                c.extraWorkingDays().orElse(Set.of()));
    }

    @Produces
    @Singleton
    MatterCatalogue catalogue(StatusConfig config) {
        return CatalogueLoader.load(config.catalogueDir().orElse(null));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
