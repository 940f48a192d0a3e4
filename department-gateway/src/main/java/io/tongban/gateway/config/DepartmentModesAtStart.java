package io.tongban.gateway.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Logs, once at start, how each department takes its tasks: an operator who set a mode (or forgot to) sees on
 * the first screen of the log what the gateway will do, one line per department. Endpoints are shown without
 * user info or query, so a credential put into a URL never reaches the log.
 */
@ApplicationScoped
public class DepartmentModesAtStart {
    private static final Logger LOG = Logger.getLogger(DepartmentModesAtStart.class);

    private final GatewayConfig config;

    public DepartmentModesAtStart(GatewayConfig config) {
        this.config = config;
    }

    void log(@Observes StartupEvent start) {
        lines().forEach(LOG::info);
    }

    /** One line per configured department, sorted by id. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String department : new TreeSet<>(config.departments().keySet())) {
            String mode = config.modeOf(department);
            StringBuilder line = new StringBuilder("department ").append(department).append(": mode ").append(mode);
            switch (mode) {
                case DepartmentMode.HTTP -> line.append(", endpoint ").append(withoutCredentials(config.endpointOf(department)));
                case DepartmentMode.CLERK -> line.append(" (clerks answer in the work queue)");
                case DepartmentMode.KAFKA -> line.append(" (its system reads its tasks topic itself; the gateway leaves its tasks alone)");
                default -> line.append(" (not a known mode: http, clerk or kafka)");
            }
            GatewayConfig.Department settings = config.departments().get(department);
            settings.inFlightLimit().ifPresent(n -> line.append(", in-flight limit ").append(n));
            settings.answerTimeout().ifPresent(t -> line.append(", answer timeout ").append(t));
            settings.maxDeliveries().ifPresent(n -> line.append(", max deliveries ").append(n));
            lines.add(line.toString());
        }
        return lines;
    }

    static String withoutCredentials(String endpoint) {
        try {
            URI uri = URI.create(endpoint.replace("{department}", "department"));
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "(not a valid URL)";
        }
    }
}
