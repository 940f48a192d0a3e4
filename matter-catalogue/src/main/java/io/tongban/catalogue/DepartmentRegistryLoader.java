package io.tongban.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tongban.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the department registry ({@code departments.yaml} beside the matter definitions) and checks it
 * completely: a broken entry fails with the file, the department, the field and the problem, so a typo never
 * reaches a running service.
 */
public final class DepartmentRegistryLoader {
    /** The registry shipped with the built-in catalogue. */
    public static final String BUILT_IN = "catalogue/departments.yaml";
    /** The registry's file name in a folder of extra definitions ({@code catalogue-dir}). */
    public static final String FILE_NAME = "departments.yaml";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> MODES = Set.of(Department.HTTP, Department.CLERK, Department.KAFKA);
    private static final Set<String> DEFAULT_FIELDS = Set.of("mode", "inFlightLimit", "answerTimeout", "maxDeliveries");
    private static final Set<String> FIELDS = Set.of("id", "name", "mode", "endpoint", "inFlightLimit", "answerTimeout",
            "maxDeliveries", "evidenceKey", "callbackSecret");

    private DepartmentRegistryLoader() {
    }

    public static DepartmentRegistry loadBuiltIn() {
        return new DepartmentRegistry(builtIn());
    }

    /** The built-in registry plus {@code departments.yaml} in {@code extraDirectory} when there is one. */
    public static DepartmentRegistry load(Path extraDirectory) {
        List<Department> all = new ArrayList<>(builtIn());
        if (extraDirectory != null) {
            Path extra = extraDirectory.resolve(FILE_NAME);
            if (Files.isRegularFile(extra)) {
                String file = extra.toString();
                List<Department> more = parse(file, CatalogueLoader.readFile(extra), builtInDefaults());
                for (int i = 0; i < more.size(); i++) {
                    String id = more.get(i).id();
                    if (all.stream().anyMatch(d -> d.id().equals(id))) {
                        throw new CatalogueException(file, "departments[" + i + "] (" + id + ").id",
                                "department " + id + " is already registered in " + BUILT_IN);
                    }
                }
                all.addAll(more);
            }
        }
        return new DepartmentRegistry(all);
    }

    static List<Department> builtIn() {
        return parse(BUILT_IN, builtInText(), YAML.createObjectNode());
    }

    /** An extra registry file inherits the built-in defaults, so it need only say what differs. */
    private static JsonNode builtInDefaults() {
        return tree(BUILT_IN, builtInText()).path("defaults");
    }

    private static String builtInText() {
        try (InputStream in = DepartmentRegistryLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new CatalogueException(BUILT_IN, "(file)", "not found on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and checks one registry file on its own; {@code file} only names it in error messages. */
    public static List<Department> parse(String file, String yaml) {
        return parse(file, yaml, YAML.createObjectNode());
    }

    private static List<Department> parse(String file, String yaml, JsonNode inheritedDefaults) {
        return new Reader(file, tree(file, yaml), inheritedDefaults).read();
    }

    private static JsonNode tree(String file, String yaml) {
        return CatalogueLoader.yamlMapping(file, yaml, "must be a mapping with departments");
    }

    private static final class Reader {
        private final String file;
        private final JsonNode root;
        private final JsonNode inheritedDefaults;

        Reader(String file, JsonNode root, JsonNode inheritedDefaults) {
            this.file = file;
            this.root = root;
            this.inheritedDefaults = inheritedDefaults;
        }

        List<Department> read() {
            unknownFields(root, Set.of("defaults", "departments"), "");
            JsonNode defaults = root.path("defaults");
            if (!defaults.isMissingNode() && !defaults.isObject()) {
                throw fail("defaults", "must be a mapping");
            }
            unknownFields(defaults, DEFAULT_FIELDS, "defaults.");
            ObjectNode merged = inheritedDefaults.isObject() ? inheritedDefaults.deepCopy() : YAML.createObjectNode();
            if (defaults.isObject()) {
                merged.setAll((ObjectNode) defaults);
            }
            JsonNode list = root.get("departments");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw fail("departments", "missing: a list of departments");
            }
            Map<String, Department> byId = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode d = list.get(i);
                if (!d.isObject()) {
                    throw fail("departments[" + i + "]", "must be a mapping with id and name");
                }
                String id = text(d, "id", "departments[" + i + "].id");
                String field = "departments[" + i + "] (" + id + ")";
                if (!Topics.isValidDepartmentId(id)) {
                    throw fail(field + ".id", "'" + id + "' is not a valid department id (lower-case letters, digits, dashes)");
                }
                if (byId.containsKey(id)) {
                    throw fail(field + ".id", "department " + id + " is registered twice");
                }
                byId.put(id, department(d, id, field, merged));
            }
            return List.copyOf(byId.values());
        }

        private Department department(JsonNode d, String id, String field, JsonNode defaults) {
            unknownFields(d, FIELDS, field + ".");
            JsonNode name = d.get("name");
            if (name == null || !name.isObject()) {
                throw fail(field + ".name", "missing: a name with zh and en");
            }
            LocalizedText names = new LocalizedText(text(name, "zh", field + ".name.zh"), text(name, "en", field + ".name.en"));
            String mode = text(valueOf(d, defaults, "mode"), field + ".mode");
            if (!MODES.contains(mode)) {
                throw fail(field + ".mode", "'" + mode + "' is not one of http, clerk, kafka");
            }
            Optional<String> endpoint = Optional.empty();
            if (d.hasNonNull("endpoint")) {
                if (!Department.HTTP.equals(mode)) {
                    throw fail(field + ".endpoint", "only a department in mode http has an endpoint (mode is " + mode + ")");
                }
                endpoint = Optional.of(endpoint(text(d, "endpoint", field + ".endpoint"), field + ".endpoint"));
            }
            int inFlight = positiveInt(valueOf(d, defaults, "inFlightLimit"), field + ".inFlightLimit");
            Duration answerTimeout = duration(valueOf(d, defaults, "answerTimeout"), field + ".answerTimeout");
            int maxDeliveries = positiveInt(valueOf(d, defaults, "maxDeliveries"), field + ".maxDeliveries");
            String evidenceKey = d.has("evidenceKey") ? reference(d, "evidenceKey", field) : id;
            String callbackSecret = d.has("callbackSecret") ? reference(d, "callbackSecret", field) : id;
            return new Department(id, names, mode, endpoint, inFlight, answerTimeout, maxDeliveries, evidenceKey,
                    callbackSecret);
        }

        /** The department's own value, else the registry's default for it. */
        private static JsonNode valueOf(JsonNode d, JsonNode defaults, String name) {
            return d.has(name) ? d.get(name) : defaults.path(name);
        }

        private String endpoint(String value, String field) {
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return value;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below with the field
            }
            throw fail(field, "'" + value + "' is not an absolute http(s) URL");
        }

        /** A key file name or a secrets-file entry: a plain name, so it can never point outside its folder. */
        private String reference(JsonNode d, String name, String field) {
            String value = text(d, name, field + "." + name);
            if (!Topics.isValidDepartmentId(value)) {
                throw fail(field + "." + name, "'" + value + "' must be a plain name (lower-case letters, digits, dashes)");
            }
            return value;
        }

        private void unknownFields(JsonNode node, Set<String> known, String prefix) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw fail(prefix + name, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        private String text(JsonNode node, String name, String field) {
            return text(node.get(name), field);
        }

        private String text(JsonNode v, String field) {
            if (v == null || v.isMissingNode() || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
                throw fail(field, "missing or empty");
            }
            return v.asText();
        }

        private int positiveInt(JsonNode v, String field) {
            if (v == null || v.isMissingNode()) {
                throw fail(field, "missing (and no default)");
            }
            if (!v.isIntegralNumber() || v.asInt() < 1) {
                throw fail(field, "must be a whole number of at least 1");
            }
            return v.asInt();
        }

        private Duration duration(JsonNode v, String field) {
            String text = text(v, field);
            try {
                Duration d = Duration.parse(text);
                if (d.isNegative() || d.isZero()) {
                    throw fail(field, "'" + text + "' must be longer than zero");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw fail(field, "'" + text + "' is not an ISO-8601 duration such as PT2M");
            }
        }

        private CatalogueException fail(String field, String problem) {
            return new CatalogueException(file, field, problem);
        }
    }
}
