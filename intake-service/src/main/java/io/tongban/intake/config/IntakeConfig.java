package io.tongban.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

@ConfigMapping(prefix = "tongban.intake")
public interface IntakeConfig {
    /** Base URL of the status service; the {@code Location} of a submitted matter's progress is built on it. */
    @WithDefault("http://127.0.0.1:8084")
    String progressBaseUrl();

    /** Directory of extra matter definitions (YAML) beside the built-in catalogue. */
    Optional<Path> catalogueDir();

    /** The largest one uploaded material may be (bytes); larger is a 413. */
    @WithDefault("10485760")
    long maxMaterialBytes();

    /** The most all materials of one request may be together (bytes); more is a 413. */
    @WithDefault("31457280")
    long maxMatterBytes();

    /** Hostile-input guards for every JSON body (the form included). */
    @WithDefault("32")
    int maxJsonDepth();

    @WithDefault("100000")
    int maxJsonStringLength();
}
