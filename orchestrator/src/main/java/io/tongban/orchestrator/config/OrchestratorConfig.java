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

    Deadlines deadlines();

    interface Deadlines {
        /** How often each instance looks for overdue tasks of the matters it owns. */
        @WithDefault("10s")
        java.time.Duration scanInterval();

        /**
         * 超时督办 escalation levels as {@code name:working-days-after-due}, in order; each is raised once per task.
         * The default raises "yellow" at the due date and "red" two working days later.
         */
        @WithDefault("yellow:0,red:2")
        java.util.List<String> levels();

        /** At most this many tasks are escalated per scan (the rest follow on the next one). */
        @WithDefault("200")
        int batchSize();
    }

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
