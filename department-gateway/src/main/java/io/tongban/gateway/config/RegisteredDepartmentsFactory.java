package io.tongban.gateway.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.tongban.catalogue.DepartmentRegistryLoader;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Builds {@link RegisteredDepartments} once the other sources are known: the registry depends on a setting
 * ({@code tongban.gateway.catalogue-dir}, env {@code TONGBAN_GATEWAY_CATALOGUE_DIR}), and a plain config source
 * cannot read configuration. A broken or conflicting extra {@code departments.yaml} stops the gateway with the
 * file, the department and the field, as it stops intake and the orchestrator.
 */
public class RegisteredDepartmentsFactory implements ConfigSourceFactory {
    static final String CATALOGUE_DIR = "tongban.gateway.catalogue-dir";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue dir = context.getValue(CATALOGUE_DIR);
        if (dir == null || dir.getValue() == null || dir.getValue().isBlank()) {
            return List.of(new RegisteredDepartments());
        }
        Path folder = Path.of(dir.getValue());
        return List.of(new RegisteredDepartments(DepartmentRegistryLoader.load(folder),
                DepartmentRegistryLoader.BUILT_IN + " + " + folder.resolve(DepartmentRegistryLoader.FILE_NAME)));
    }
}
