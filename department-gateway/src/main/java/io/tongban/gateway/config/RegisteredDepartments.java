package io.tongban.gateway.config;

import io.smallrye.config.PropertiesConfigSource;
import io.tongban.catalogue.Department;
import io.tongban.catalogue.DepartmentRegistry;
import io.tongban.catalogue.DepartmentRegistryLoader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The department registry (matter-catalogue {@code departments.yaml}) as the lowest layer of the gateway's
 * per-department configuration: {@code tongban.gateway.departments."<id>".mode}, {@code .endpoint},
 * {@code .in-flight-limit}, {@code .answer-timeout}, {@code .max-deliveries}, {@code .evidence-key},
 * {@code .callback-secret} for every registered department: the built-in ones and those of the
 * {@code departments.yaml} in {@code tongban.gateway.catalogue-dir} ({@link RegisteredDepartmentsFactory}).
 *
 * <p>Anything configured wins over it (application.properties, system properties, environment). It also makes
 * the environment work for any department id: SmallRye can turn {@code TONGBAN_GATEWAY_DEPARTMENTS__PUBLIC_SECURITY__MODE}
 * back into {@code departments."public-security".mode} only when some source already names that property (an
 * environment name cannot tell a dash from a dot); this source names it for every registered department.
 */
public class RegisteredDepartments extends PropertiesConfigSource {
    /** Below application.properties (250), system properties (400) and the environment (300). */
    public static final int ORDINAL = 150;
    static final String PREFIX = "tongban.gateway.departments.";

    public RegisteredDepartments() {
        this(DepartmentRegistryLoader.loadBuiltIn(), DepartmentRegistryLoader.BUILT_IN);
    }

    public RegisteredDepartments(DepartmentRegistry registry, String files) {
        super(properties(registry), "department registry " + files, ORDINAL);
    }

    static Map<String, String> properties(DepartmentRegistry registry) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Department d : registry.all()) {
            // the quoted form, as application.properties and the tests write it: SmallRye binds one form per key
            String key = PREFIX + "\"" + d.id() + "\".";
            properties.put(key + "mode", d.mode());
            d.endpoint().ifPresent(endpoint -> properties.put(key + "endpoint", endpoint));
            properties.put(key + "in-flight-limit", String.valueOf(d.inFlightLimit()));
            properties.put(key + "answer-timeout", d.answerTimeout().toString());
            properties.put(key + "max-deliveries", String.valueOf(d.maxDeliveries()));
            properties.put(key + "evidence-key", d.evidenceKey());
            properties.put(key + "callback-secret", d.callbackSecret());
        }
        return properties;
    }
}
