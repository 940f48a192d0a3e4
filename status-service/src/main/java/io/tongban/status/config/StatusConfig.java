package io.tongban.status.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "tongban.status")
public interface StatusConfig {
    /** Extra matter definitions (YAML) beside the built-in catalogue, as the orchestrator's. */
    Optional<Path> catalogueDir();

    Calendar calendar();

    Suggestions suggestions();

    interface Suggestions {
        /** How many other applicants must have done B after A before B is suggested after A (co-occurrence). */
        @WithDefault("2")
        int minSupport();

        /** How often each instance looks for suggestions made for later (afterYears) that came due, to push them. */
        @WithDefault("60s")
        Duration scanInterval();

        /** At most this many due suggestions are pushed per scan (the rest follow on the next one). */
        @WithDefault("500")
        int batchSize();
    }

    Lag lag();

    Stalled stalled();

    interface Stalled {
        /** How often the tongban_tasks_stalled gauge is read from the progress view. */
        @WithDefault("15s")
        Duration interval();
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

    interface Lag {
        /** How often consumer group offsets are sampled. */
        @WithDefault("30s")
        Duration interval();

        /** Samples kept per partition for the evaluation (Burrow's window, "intervals"). */
        @WithDefault("10")
        int window();

        /** Consumer groups left out of the ops view (regex), e.g. test or console groups. */
        Optional<String> excludeGroups();
    }
}
