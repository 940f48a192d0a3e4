package io.tongban.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged platform as {@code deploy/local/tongban} runs it, on its own ports and home folder so that it
 * never collides with a developer's platform or with the e2e tests (18xxx/19xxx/25432).
 */
public final class Platform {
    public static final List<String> SERVICES = List.of("intake-service", "orchestrator", "department-gateway",
            "status-service", "department-simulator");

    public final Path repo;
    public final Path home;
    public final int pgPort;
    public final int kafkaPort;
    public final int intakePort;
    public final int orchestratorPort;
    public final int gatewayPort;
    public final int statusPort;
    public final int simulatorPort;
    private final Map<String, String> extraEnv;
    private final boolean ownPorts;

    private Platform(Path repo, Path home, boolean ownPorts, Map<String, String> extraEnv) {
        this.repo = repo;
        this.home = home;
        this.ownPorts = ownPorts;
        this.extraEnv = extraEnv;
        Map<String, String> env = System.getenv();
        this.pgPort = ownPorts ? 26432 : Integer.parseInt(env.getOrDefault("PG_PORT", "15432"));
        this.kafkaPort = ownPorts ? 29092 : Integer.parseInt(env.getOrDefault("KAFKA_PORT", "9092"));
        this.intakePort = ownPorts ? 28081 : Integer.parseInt(env.getOrDefault("INTAKE_PORT", "8081"));
        this.orchestratorPort = ownPorts ? 28082 : Integer.parseInt(env.getOrDefault("ORCHESTRATOR_PORT", "8082"));
        this.gatewayPort = ownPorts ? 28083 : Integer.parseInt(env.getOrDefault("GATEWAY_PORT", "8083"));
        this.statusPort = ownPorts ? 28084 : Integer.parseInt(env.getOrDefault("STATUS_PORT", "8084"));
        this.simulatorPort = ownPorts ? 28085 : Integer.parseInt(env.getOrDefault("SIMULATOR_PORT", "8085"));
    }

    /** Private ports (2xxxx) and a private home: what the ITs use. */
    public static Platform isolated(Path repo, Path home, Map<String, String> extraEnv) {
        return new Platform(repo, home, true, extraEnv);
    }

    /** The ports and home of the caller's environment (the script's defaults): what {@code run} uses. */
    public static Platform fromEnvironment(Path repo, Path home, Map<String, String> extraEnv) {
        return new Platform(repo, home, false, extraEnv);
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TONGBAN_HOME", home.toString());
        if (ownPorts) {
            env.put("PG_PORT", String.valueOf(pgPort));
            env.put("KAFKA_PORT", String.valueOf(kafkaPort));
            env.put("KAFKA_CONTROLLER_PORT", "29093");
            env.put("INTAKE_PORT", String.valueOf(intakePort));
            env.put("ORCHESTRATOR_PORT", String.valueOf(orchestratorPort));
            env.put("GATEWAY_PORT", String.valueOf(gatewayPort));
            env.put("STATUS_PORT", String.valueOf(statusPort));
            env.put("SIMULATOR_PORT", String.valueOf(simulatorPort));
        }
        env.putAll(extraEnv);
        return env;
    }

    public String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    public String jdbc(String database) {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database;
    }

    public String kafka() {
        return "127.0.0.1:" + kafkaPort;
    }

    public Path logs() {
        return home.resolve("logs");
    }

    /** Runs the script; fails with the tail of its output when it exits non-zero. */
    public void run(String... args) {
        exec(args);
    }

    /** Runs the script and returns what it printed; throws when it fails. */
    public String exec(String... args) {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("deploy/local/tongban").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().remove("TONGBAN_DB_URL");
        pb.environment().putAll(environment());
        try {
            Files.createDirectories(home);
            File out = Files.createTempFile(home, "command-", ".out").toFile();
            pb.redirectOutput(out);
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("tongban " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            Files.writeString(home.resolve("reliability-commands.log"), "$ tongban " + String.join(" ", args) + "\n"
                    + text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Files.deleteIfExists(out.toPath());
            if (p.exitValue() != 0) {
                throw new IllegalStateException("tongban " + String.join(" ", args) + " failed (exit " + p.exitValue()
                        + "):\n" + tail(text));
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A bearer token from {@code tongban token <subject> <role> [department]} when the runtime offers that
     * command; empty when it does not (the platform then takes requests without one).
     */
    public Optional<String> token(String subject, String role, String... department) {
        String help;
        try {
            help = exec("help");
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        if (!help.contains(" token ")) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>(List.of("token", subject, role));
        args.addAll(List.of(department));
        String out = exec(args.toArray(String[]::new)).trim();
        String[] lines = out.split("\n");
        return Optional.of(lines[lines.length - 1].trim());
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }
}
