package io.tongban.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "tongban.orchestrator")
public interface OrchestratorConfig {
    /** Extra matter definitions (YAML) beside the built-in catalogue. */
    Optional<Path> catalogueDir();

    Calendar calendar();

    interface Calendar {
        /** Time zone in which working days are counted. */
        @WithDefault("Asia/Shanghai")
        String zone();

        /** Public holidays that are not working days (ISO dates). */
        Optional<Set<LocalDate>> holidays();

        /** Weekend days that are working days (调休). */
        Optional<Set<LocalDate>> extraWorkingDays();
    }
}
