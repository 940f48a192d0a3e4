package io.tongban.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongban.testsupport.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's REST examples ("The REST API" section), run with bash exactly as written against the packaged
 * platform, one after the other in one working folder, as a reader would paste them. Each example whose answer
 * the README shows must answer with at least the fields shown and the same status, page and size.
 * Two adaptations only: the e2e platform's ports (18081 … instead of 8081 …), and a fresh applicant instead of
 * "alice", so that once-only steps (a rating) answer as on a fresh platform when the suite runs again.
 */
class ReadmeExamplesIT {
    static final LocalPlatform PLATFORM = new LocalPlatform();
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z][A-Za-z0-9]*)\"\\s*:");
    private static final Pattern CHECKED_NUMBER = Pattern.compile("\"(status|page|size)\"\\s*:\\s*(\\d+)");

    record Example(String code, String shownAnswer) {
    }

    @BeforeAll
    static void startPlatform() {
        PLATFORM.run("up");
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.run("stop");
    }

    @Test
    void theRestApiExamplesRunAsWrittenAndAnswerWhatTheReadmeShows() throws Exception {
        Path readme = PLATFORM.repo().resolve("README.md");
        List<Example> examples = examples(Files.readString(readme), "## The REST API");
        assertThat(examples).as("bash examples in the README's REST API section").hasSizeGreaterThan(5);

        Path work = Files.createDirectories(Path.of("target/readme-examples").toAbsolutePath());
        Files.deleteIfExists(work.resolve("deploy"));
        Files.createSymbolicLink(work.resolve("deploy"), PLATFORM.repo().resolve("deploy"));
        Files.deleteIfExists(work.resolve("vars.sh"));
        String applicant = "readme-" + System.currentTimeMillis();

        for (Example example : examples) {
            if (example.code().contains("/withdrawal") || example.code().contains("/rating")) {
                // a rating needs a decided matter: wait for the submitted one as a reader would
                String matterId = matterIdOf(work.resolve("submitted.json"));
                String token = PLATFORM.token(applicant, "applicant");
                await().atMost(Waits.upTo(Duration.ofSeconds(180)))
                        .until(() -> "COMPLETED".equals(LocalPlatform.stateOf(matterId, token)));
            }
            String answer = run(work, adapt(example.code(), applicant));
            assertThat(answer).as("answer to:\n%s", example.code())
                    .doesNotContainPattern("\"status\"\\s*:\\s*5\\d\\d")
                    .doesNotContain("unsupported-media-type");   // the shipped sample files are accepted
            if (example.shownAnswer() != null) {
                assertThat(keys(answer)).as("fields of the answer to:\n%s\nanswer: %s", example.code(), answer)
                        .containsAll(keys(example.shownAnswer()));
                assertThat(checkedNumbers(answer)).as("status/page/size of the answer to:\n%s", example.code())
                        .containsAll(checkedNumbers(example.shownAnswer()));
            }
        }
    }

    /** The bash blocks of one section, each with the JSON block right after it (the answer the README shows). */
    static List<Example> examples(String markdown, String section) {
        int start = markdown.indexOf("\n" + section);   // the heading may go on: "## The REST API (intake-service, …)"
        assertThat(start).as("section " + section).isNotNegative();
        int end = markdown.indexOf("\n## ", start + section.length() + 1);
        String[] lines = markdown.substring(start, end < 0 ? markdown.length() : end).split("\n", -1);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].equals("```bash")) {
                continue;
            }
            StringBuilder code = new StringBuilder();
            for (i++; !lines[i].equals("```"); i++) {
                code.append(lines[i]).append('\n');
            }
            String shown = null;
            if (i + 1 < lines.length && lines[i + 1].equals("```json")) {
                StringBuilder json = new StringBuilder();
                for (i += 2; !lines[i].equals("```"); i++) {
                    json.append(lines[i]).append('\n');
                }
                shown = json.toString();
            }
            examples.add(new Example(code.toString(), shown));
        }
        return examples;
    }

    private static String adapt(String code, String applicant) {
        return code.replaceAll("127\\.0\\.0\\.1:80(8[1-5])", "127.0.0.1:180$1")
                .replace("tongban token alice", "tongban token " + applicant);
    }

    /** One example in its own bash, with the variables the earlier ones set (TOKEN, ID, …) and the e2e settings. */
    private static String run(Path work, String code) throws IOException, InterruptedException {
        String script = "set -e\nif [ -f vars.sh ]; then . ./vars.sh; fi\n" + code
                + "\ndeclare -p TOKEN CLERK ID 2>/dev/null > vars.sh.new || true\nmv vars.sh.new vars.sh\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().putAll(PLATFORM.environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("example finished:\n%s", code).isTrue();
        assertThat(p.exitValue()).as("exit status of:\n%s\noutput: %s", code, out).isZero();
        return out;
    }

    private static String matterIdOf(Path submitted) throws IOException {
        Matcher m = Pattern.compile("\"matterId\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(Files.readString(submitted));
        assertThat(m.find()).as("matterId in " + submitted).isTrue();
        return m.group(1);
    }

    private static Set<String> keys(String json) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = KEY.matcher(json);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static Set<String> checkedNumbers(String json) {
        Set<String> numbers = new LinkedHashSet<>();
        Matcher m = CHECKED_NUMBER.matcher(json);
        while (m.find()) {
            numbers.add(m.group(1) + "=" + m.group(2));
        }
        return numbers;
    }
}
