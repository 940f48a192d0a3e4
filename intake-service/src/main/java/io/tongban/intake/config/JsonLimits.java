package io.tongban.intake.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hostile JSON (deep nesting, huge strings) is refused while it is parsed, before it costs memory: Jackson
 * fails with a {@code StreamConstraintsException}, which the problem mappers turn into a 400.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {
    // plain config lookups: the IntakeConfig mapping itself is built with Jackson-backed beans (a cycle)
    private final int maxDepth = ConfigProvider.getConfig()
            .getOptionalValue("tongban.intake.max-json-depth", Integer.class).orElse(32);
    private final int maxStringLength = ConfigProvider.getConfig()
            .getOptionalValue("tongban.intake.max-json-string-length", Integer.class).orElse(100_000);

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(100)
                .build());
    }
}
