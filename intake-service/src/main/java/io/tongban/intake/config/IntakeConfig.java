package io.tongban.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tongban.intake")
public interface IntakeConfig {
    /** Base URL of the status service; the {@code Location} of a submitted matter's progress is built on it. */
    @WithDefault("http://127.0.0.1:8084")
    String progressBaseUrl();

    /** Directory of extra matter definitions (YAML) beside the built-in catalogue. */
    java.util.Optional<java.nio.file.Path> catalogueDir();
}
