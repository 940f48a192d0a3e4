package io.tongban.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One packaged platform for every IT of this module, started once by the runtime script on private ports
 * (2xxxx) and home ({@code target/tongban-home}), and stopped when the test run ends. The simulated
 * departments refuse 5% of tasks and ask for a supplement in 5%, as the fault suite asks.
 */
public final class RunningPlatform implements BeforeAllCallback {
    private static final Map<String, String> SIMULATOR = Map.of(
            "TONGBAN_SIMULATOR_REJECT_RATE", "0.05",
            "TONGBAN_SIMULATOR_SUPPLEMENT_RATE", "0.05");

    static Platform platform() {
        Path repo = Path.of(System.getProperty("tongban.repo", "..")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("tongban.home", "target/tongban-home")).toAbsolutePath();
        return Platform.isolated(repo, home, SIMULATOR);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningPlatform.class, k -> start(), Started.class);
    }

    private static Started start() {
        Platform platform = platform();
        long begin = System.currentTimeMillis();
        // a fresh home every run: databases migrated by an older build, topics and offsets of an earlier run
        // would otherwise be read as this run's outcome
        platform.run("stop");
        deleteHome(platform.home);
        platform.run("up");
        System.out.printf("platform up in %.1f s (home %s)%n", (System.currentTimeMillis() - begin) / 1000.0, platform.home);
        return new Started(platform);
    }

    private static void deleteHome(Path home) {
        if (!Files.exists(home)) {
            return;
        }
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Started(Platform platform) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            platform.run("stop");
        }
    }
}
