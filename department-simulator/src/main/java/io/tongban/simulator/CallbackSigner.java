package io.tongban.simulator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs result callbacks as a department system must (department-gateway/README.md):
 * {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + requestId + "." + body)>}.
 */
@ApplicationScoped
public class CallbackSigner {
    private final Map<String, String> secrets = new HashMap<>();

    @Inject
    SimulatorConfig config;

    @PostConstruct
    void load() {
        config.secretsFile().filter(f -> !f.isBlank()).map(Path::of).filter(Files::isReadable).ifPresent(file -> {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().forEach(d -> secrets.put(d, properties.getProperty(d).trim()));
        });
        secrets.putAll(config.secrets());
    }

    /** The signature header value, or null when there is no secret for the department. */
    public String sign(String department, String timestamp, String requestId, String body) {
        String secret = secrets.get(department);
        if (secret == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + requestId + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
