package io.tongban.gateway.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The HMAC secret of each department's result callbacks: the properties file
 * ({@code tongban.gateway.callback.secrets-file}, by default env {@code TONGBAN_DEPARTMENT_SECRETS}) and
 * secrets given directly in configuration, both keyed by secret name: a department's registry
 * {@code callbackSecret}, which is its id unless the registry names another. Read once at start; secrets are
 * never logged.
 */
@ApplicationScoped
public class DepartmentSecrets {
    private static final Logger LOG = Logger.getLogger(DepartmentSecrets.class);
    private final Map<String, String> secrets = new HashMap<>();

    @Inject
    GatewayConfig config;

    @PostConstruct
    void load() {
        config.callback().secretsFile().filter(f -> !f.isBlank()).map(Path::of).ifPresent(file -> {
            if (!Files.isReadable(file)) {
                LOG.warnf("department secrets file %s is not readable: every callback will be refused", file);
                return;
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read department secrets " + file, e);
            }
            properties.stringPropertyNames().forEach(dept -> secrets.put(dept, properties.getProperty(dept).trim()));
        });
        secrets.putAll(config.callback().secrets());
        LOG.infof("callback secrets configured for %d departments", secrets.size());
    }

    /** The secret, or null when the department has none (its callbacks are then refused). */
    public String of(String department) {
        return secrets.get(config.callbackSecretOf(department));
    }
}
