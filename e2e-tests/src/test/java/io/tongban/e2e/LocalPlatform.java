package io.tongban.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform as the README starts it: {@code deploy/local/tongban}, with its own home folder and
 * ports so that it never touches a platform a developer is running.
 */
final class LocalPlatform {
    static final int KAFKA_PORT = 19092;
    static final int INTAKE_PORT = 18081;
    static final int ORCHESTRATOR_PORT = 18082;
    static final int ORCHESTRATOR_2_PORT = 18092;
    static final int GATEWAY_PORT = 18083;
    static final int STATUS_PORT = 18084;
    static final int SIMULATOR_PORT = 18085;
    /** A valid newborn submission (the ID numbers pass the GB 11643 check digit). */
    static final String NEWBORN_REQUEST = """
            {"matterType": "newborn", "form": {
              "child": {"name": "王小明", "sex": "male", "birthDate": "2026-11-20"},
              "hospital": "市第一人民医院",
              "mother": {"name": "李芳", "idCard": "11010519491231002X"},
              "father": {"name": "王强", "idCard": "110105194912310038"},
              "householdAddress": "北京市朝阳区建国路1号"}}""";

    private final Path repo = Path.of(System.getProperty("tongban.repo", "..")).toAbsolutePath().normalize();
    private final Path home = Path.of(System.getProperty("tongban.home", "target/tongban-home")).toAbsolutePath();

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TONGBAN_HOME", home.toString());
        env.put("KAFKA_PORT", String.valueOf(KAFKA_PORT));
        env.put("KAFKA_CONTROLLER_PORT", "19093");
        env.put("PG_PORT", "25432");
        env.put("INTAKE_PORT", String.valueOf(INTAKE_PORT));
        env.put("ORCHESTRATOR_PORT", String.valueOf(ORCHESTRATOR_PORT));
        env.put("ORCHESTRATOR_2_PORT", String.valueOf(ORCHESTRATOR_2_PORT));
        env.put("GATEWAY_PORT", String.valueOf(GATEWAY_PORT));
        env.put("STATUS_PORT", String.valueOf(STATUS_PORT));
        env.put("SIMULATOR_PORT", String.valueOf(SIMULATOR_PORT));
        // slow enough that tasks are still in flight when the orchestrator is killed
        env.put("TONGBAN_SIMULATOR_DELAY", "PT0.3S");
        return env;
    }

    void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("deploy/local/tongban").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment());
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().remove("TONGBAN_DB_URL");
        try {
            Files.createDirectories(home);
            File log = home.resolve("e2e-commands.log").toFile();
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("tongban " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("tongban " + String.join(" ", args) + " failed (exit " + p.exitValue()
                        + "); see " + log + ":\n" + tail(log.toPath()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A signed JWT from the runtime's own key ({@code tongban token <subject> <role> [department]}). */
    String token(String subject, String role, String... department) {
        List<String> command = new ArrayList<>(List.of(repo.resolve("deploy/local/tongban").toString(), "token",
                subject, role));
        command.addAll(List.of(department));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile());
        pb.environment().putAll(environment());
        pb.redirectError(ProcessBuilder.Redirect.appendTo(home.resolve("e2e-commands.log").toFile()));
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("tongban token " + subject + " failed; see e2e-commands.log");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Path repo() {
        return repo;
    }

    Path logOf(String component) {
        return home.resolve("logs").resolve(component + ".log");
    }

    /** The matter's state in the applicant's progress view, or UNKNOWN while the view has none. */
    static String stateOf(String matterId, String applicantToken) {
        var response = given().baseUri("http://127.0.0.1:" + STATUS_PORT).auth().oauth2(applicantToken)
                .get("/api/matters/" + matterId + "/progress");
        return response.statusCode() == 200 ? response.jsonPath().getString("state") : "UNKNOWN";
    }

    /** What the department simulator saw (its test endpoints). */
    static JsonPath simulator(String path) {
        return given().baseUri("http://127.0.0.1:" + SIMULATOR_PORT).get(path)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
