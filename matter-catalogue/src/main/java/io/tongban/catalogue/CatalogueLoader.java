package io.tongban.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.tongban.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads matter definitions from YAML and checks each one completely before anything runs: a broken
 * definition fails with the file, the field and the problem. The only way definitions enter the platform.
 */
public final class CatalogueLoader {
    /** The catalogue shipped in this module: one line per definition file in {@code catalogue/index.txt}. */
    public static final String BUILT_IN_INDEX = "catalogue/index.txt";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,60}");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private CatalogueLoader() {
    }

    /**
     * The built-in catalogue, plus every {@code *.yaml} under {@code extraDirectory} when given; its
     * {@code departments.yaml} registers further departments. Every task's department must be registered.
     */
    public static MatterCatalogue load(Path extraDirectory) {
        List<MatterDefinition> definitions = new ArrayList<>(loadBuiltIn());
        if (extraDirectory != null) {
            definitions.addAll(loadDirectory(extraDirectory));
        }
        return new MatterCatalogue(definitions, DepartmentRegistryLoader.load(extraDirectory));
    }

    public static MatterCatalogue loadBuiltInCatalogue() {
        return new MatterCatalogue(loadBuiltIn(), DepartmentRegistryLoader.loadBuiltIn());
    }

    static List<MatterDefinition> loadBuiltIn() {
        ClassLoader loader = CatalogueLoader.class.getClassLoader();
        String index = readResource(loader, BUILT_IN_INDEX);
        return index.lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(file -> parse("catalogue/" + file, readResource(loader, "catalogue/" + file)))
                .toList();
    }

    static List<MatterDefinition> loadDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.equals(directory.resolve(DepartmentRegistryLoader.FILE_NAME)))
                    .sorted()
                    .map(f -> parse(f.toString(), readFile(f)))
                    .toList();
        } catch (IOException e) {
            throw new CatalogueException("cannot read catalogue folder " + directory, e);
        }
    }

    /** Parses and validates one definition; {@code file} only names it in error messages. */
    public static MatterDefinition parse(String file, String yaml) {
        return new DefinitionReader(file, yamlMapping(file, yaml, "must be a mapping")).read();
    }

    /** One YAML document that must be a mapping (a definition, the department registry); {@code file} names it. */
    static JsonNode yamlMapping(String file, String yaml, String notAMapping) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new CatalogueException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CatalogueException(file, "(document)", notAMapping);
        }
        return root;
    }

    private static String readResource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new CatalogueException(name, "(file)", "not found on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CatalogueException("cannot read " + file, e);
        }
    }

    /** Whether the form schema declares the (nested) field, following local {@code $ref}s. */
    static boolean hasFormField(JsonNode formSchema, List<String> path) {
        JsonNode node = formSchema;
        for (String part : path) {
            node = dereference(formSchema, node).path("properties").path(part);
            if (node.isMissingNode()) {
                return false;
            }
        }
        return true;
    }

    /** {@code child.name} as its parts, or empty when it is not a dotted path of names. */
    static Optional<List<String>> formPath(String dotted) {
        List<String> parts = List.of(dotted.split("\\.", -1));
        return parts.stream().anyMatch(String::isBlank) ? Optional.empty() : Optional.of(parts);
    }

    /** Follows a local {@code $ref} such as {@code #/$defs/parent} inside the form schema. */
    private static JsonNode dereference(JsonNode schemaRoot, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
            return schemaRoot.at(ref.asText().substring(1));
        }
        return node;
    }

    /** Reads one YAML tree, naming each field it complains about. */
    private static final class DefinitionReader {
        private final String file;
        private final JsonNode root;

        DefinitionReader(String file, JsonNode root) {
            this.file = file;
            this.root = root;
        }

        MatterDefinition read() {
            String id = text(root, "id");
            if (!ID.matcher(id).matches()) {
                throw fail("id", "'" + id + "' must be lower-case letters, digits and dashes");
            }
            int version = positiveInt(root, "version");
            LocalizedText title = title(root, "title");
            JsonNode form = root.get("form");
            if (form == null || !form.isObject()) {
                throw fail("form", "missing: the applicant's form as a JSON Schema");
            }
            try {
                SCHEMAS.getSchema(form);
            } catch (RuntimeException e) {
                throw fail("form", "not a valid JSON Schema: " + e.getMessage());
            }
            List<MaterialSpec> materials = materials();
            List<TaskDefinition> tasks = orderedByDependencies(tasks(form, materials));
            String lead = root.hasNonNull("leadDepartment") ? text(root, "leadDepartment") : tasks.get(0).department();
            int legal = root.hasNonNull("legalTimeLimitWorkingDays") ? positiveInt(root, "legalTimeLimitWorkingDays") : 20;
            List<Suggestion> suggests = suggestions(form, tasks);
            return new MatterDefinition(id, version, title, lead, legal, form, materials, tasks, suggests, file);
        }

        /** 免申即享: follow-up matters offered on completion, prefilled from this matter's form and outputs. */
        private List<Suggestion> suggestions(JsonNode form, List<TaskDefinition> tasks) {
            JsonNode list = root.path("suggests");
            if (list.isMissingNode() || list.isNull()) {
                return List.of();
            }
            if (!list.isArray()) {
                throw fail("suggests", "must be a list");
            }
            List<Suggestion> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode s = list.get(i);
                String field = "suggests[" + i + "]";
                if (!s.isObject()) {
                    throw fail(field, "must be a mapping with matterType, reason and prefill");
                }
                String matterType = text(s, "matterType", field + ".matterType");
                if (!ID.matcher(matterType).matches()) {
                    throw fail(field + ".matterType", "'" + matterType + "' must be lower-case letters, digits and dashes");
                }
                JsonNode reason = s.get("reason");
                if (reason == null || !reason.isObject()) {
                    throw fail(field + ".reason", "missing: a reason with zh and en");
                }
                LocalizedText why = new LocalizedText(text(reason, "zh", field + ".reason.zh"),
                        text(reason, "en", field + ".reason.en"));
                Map<String, InputSource> prefill = new LinkedHashMap<>();
                JsonNode pre = s.path("prefill");
                if (!pre.isMissingNode() && !pre.isObject()) {
                    throw fail(field + ".prefill", "must be a mapping of form path to source");
                }
                pre.fields().forEachRemaining(e -> prefill.put(e.getKey(),
                        prefillSource(e.getKey(), e.getValue(), form, tasks, field + ".prefill." + e.getKey())));
                Integer afterYears = null;
                if (s.has("afterYears")) {
                    JsonNode years = s.get("afterYears");
                    if (!years.isIntegralNumber() || years.asInt() < 1) {
                        throw fail(field + ".afterYears", "must be a whole number of at least 1");
                    }
                    afterYears = years.asInt();
                }
                result.add(new Suggestion(matterType, why, prefill, afterYears));
            }
            return result;
        }

        private InputSource prefillSource(String target, JsonNode value, JsonNode form, List<TaskDefinition> tasks,
                                          String field) {
            if (!formPath(target).isPresent()) {
                throw fail(field, "'" + target + "' is not a form path such as child.name");
            }
            InputSource source;
            try {
                source = InputSource.parse(value.isValueNode() ? value.asText() : null);
            } catch (IllegalArgumentException e) {
                throw fail(field, e.getMessage());
            }
            switch (source.kind()) {
                case FORM -> {
                    if (!hasFormField(form, source.path())) {
                        throw fail(field, "the form has no field " + String.join(".", source.path()));
                    }
                }
                case TASK_OUTPUT -> {
                    TaskDefinition from = tasks.stream().filter(t -> t.key().equals(source.taskKey())).findFirst()
                            .orElseThrow(() -> fail(field, "unknown task '" + source.taskKey() + "'"));
                    if (!from.outputs().contains(source.outputName())) {
                        throw fail(field, "task '" + from.key() + "' has no output '" + source.outputName() + "'");
                    }
                }
                case MATERIAL -> throw fail(field,
                        "a suggestion is prefilled from form. or tasks., never from the applicant's documents");
            }
            return source;
        }

        private List<MaterialSpec> materials() {
            List<MaterialSpec> result = new ArrayList<>();
            JsonNode list = root.path("materials");
            if (!list.isMissingNode() && !list.isArray()) {
                throw fail("materials", "must be a list");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode m = list.get(i);
                String field = "materials[" + i + "]";
                String name = text(m, "name", field + ".name");
                if (!names.add(name)) {
                    throw fail(field + ".name", "duplicate material '" + name + "'");
                }
                String requirement = text(m, "requirement", field + ".requirement");
                MaterialRequirement req = switch (requirement) {
                    case "required" -> MaterialRequirement.REQUIRED;
                    case "optional" -> MaterialRequirement.OPTIONAL;
                    case "may-follow-later" -> MaterialRequirement.MAY_FOLLOW_LATER;
                    default -> throw fail(field + ".requirement",
                            "'" + requirement + "' is not one of required, optional, may-follow-later");
                };
                List<String> types = m.has("contentTypes") ? strings(m.get("contentTypes"), field + ".contentTypes") : null;
                Integer promise = null;
                if (m.has("followLaterWithinWorkingDays")) {
                    if (req != MaterialRequirement.MAY_FOLLOW_LATER) {
                        throw fail(field + ".followLaterWithinWorkingDays", "only a may-follow-later material has a "
                                + "promise period; '" + name + "' is " + requirement);
                    }
                    JsonNode days = m.get("followLaterWithinWorkingDays");
                    if (!days.isIntegralNumber() || days.asInt() < 1) {
                        throw fail(field + ".followLaterWithinWorkingDays", "must be a whole number of at least 1");
                    }
                    promise = days.asInt();
                }
                result.add(new MaterialSpec(name, title(m, field + ".title"), req, types, promise));
            }
            return result;
        }

        private List<TaskDefinition> tasks(JsonNode form, List<MaterialSpec> materials) {
            JsonNode list = root.path("tasks");
            if (!list.isArray() || list.isEmpty()) {
                throw fail("tasks", "must be a non-empty list");
            }
            Map<String, TaskDefinition> byKey = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode t = list.get(i);
                String field = "tasks[" + i + "]";
                String key = text(t, "key", field + ".key");
                if (!ID.matcher(key).matches()) {
                    throw fail(field + ".key", "'" + key + "' must be lower-case letters, digits and dashes");
                }
                if (byKey.containsKey(key)) {
                    throw fail(field + ".key", "duplicate task '" + key + "'");
                }
                String department = text(t, "department", field + ".department");
                if (!Topics.isValidDepartmentId(department)) {
                    throw fail(field + ".department", "'" + department + "' is not a valid department id");
                }
                Map<String, InputSource> inputs = new LinkedHashMap<>();
                JsonNode in = t.path("inputs");
                if (!in.isMissingNode() && !in.isObject()) {
                    throw fail(field + ".inputs", "must be a mapping of input name to source");
                }
                in.fields().forEachRemaining(e -> {
                    try {
                        inputs.put(e.getKey(), InputSource.parse(e.getValue().asText()));
                    } catch (IllegalArgumentException ex) {
                        throw fail(field + ".inputs." + e.getKey(), ex.getMessage());
                    }
                });
                List<String> outputs = t.has("outputs") ? strings(t.get("outputs"), field + ".outputs") : List.of();
                List<String> dependsOn = t.has("dependsOn") ? strings(t.get("dependsOn"), field + ".dependsOn") : List.of();
                Condition condition = null;
                if (t.hasNonNull("condition")) {
                    try {
                        condition = Condition.parse(t.get("condition").asText());
                    } catch (IllegalArgumentException ex) {
                        throw fail(field + ".condition", ex.getMessage());
                    }
                }
                int deadline = t.has("deadlineWorkingDays") ? nonNegativeInt(t, "deadlineWorkingDays", field) : 5;
                boolean byCommitment = t.path("byCommitment").asBoolean(false);
                if (t.has("byCommitment") && !t.get("byCommitment").isBoolean()) {
                    throw fail(field + ".byCommitment", "must be true or false");
                }
                String jointReview = t.hasNonNull("jointReview") ? text(t, "jointReview", field + ".jointReview") : null;
                byKey.put(key, new TaskDefinition(key, department, title(t, field + ".title"), inputs, outputs,
                        dependsOn, condition, deadline, byCommitment, jointReview));
            }
            checkReferences(byKey, form, materials);
            return new ArrayList<>(byKey.values());
        }

        private void checkReferences(Map<String, TaskDefinition> byKey, JsonNode form, List<MaterialSpec> materials) {
            List<String> keys = new ArrayList<>(byKey.keySet());
            for (TaskDefinition task : byKey.values()) {
                String field = "tasks[" + keys.indexOf(task.key()) + "]";
                for (String dep : task.dependsOn()) {
                    if (!byKey.containsKey(dep)) {
                        throw fail(field + ".dependsOn", "unknown task '" + dep + "'");
                    }
                }
            }
            Map<String, Set<String>> ancestors = ancestors(byKey);
            checkJointReviews(byKey, keys, ancestors);
            for (TaskDefinition task : byKey.values()) {
                String field = "tasks[" + keys.indexOf(task.key()) + "]";
                for (Map.Entry<String, InputSource> input : task.inputs().entrySet()) {
                    checkSource(input.getValue(), task, ancestors, byKey, form, materials, field + ".inputs." + input.getKey());
                }
                if (task.condition() != null) {
                    checkSource(task.condition().source(), task, ancestors, byKey, form, materials, field + ".condition");
                }
            }
        }

        /**
         * 联合审查: the reviews of one group run at the same time and are answered as one opinion, so none
         * may wait for another, and a "group" of one is no joint review.
         */
        private void checkJointReviews(Map<String, TaskDefinition> byKey, List<String> keys,
                                       Map<String, Set<String>> ancestors) {
            Map<String, List<TaskDefinition>> groups = new LinkedHashMap<>();
            for (TaskDefinition task : byKey.values()) {
                if (task.jointReview() != null) {
                    String field = "tasks[" + keys.indexOf(task.key()) + "].jointReview";
                    if (!ID.matcher(task.jointReview()).matches()) {
                        throw fail(field, "'" + task.jointReview() + "' must be lower-case letters, digits and dashes");
                    }
                    groups.computeIfAbsent(task.jointReview(), g -> new ArrayList<>()).add(task);
                }
            }
            for (Map.Entry<String, List<TaskDefinition>> group : groups.entrySet()) {
                List<TaskDefinition> members = group.getValue();
                String first = "tasks[" + keys.indexOf(members.get(0).key()) + "].jointReview";
                if (members.size() < 2) {
                    throw fail(first, "joint review '" + group.getKey() + "' has only task '" + members.get(0).key()
                            + "'; a joint review combines the opinions of at least two tasks");
                }
                for (TaskDefinition member : members) {
                    for (TaskDefinition other : members) {
                        if (ancestors.get(member.key()).contains(other.key())) {
                            throw fail("tasks[" + keys.indexOf(member.key()) + "].dependsOn", "task '" + member.key()
                                    + "' depends on '" + other.key() + "' of the same joint review '" + group.getKey()
                                    + "'; the reviews of a joint review run in parallel");
                        }
                    }
                }
            }
        }

        private void checkSource(InputSource source, TaskDefinition task, Map<String, Set<String>> ancestors,
                                 Map<String, TaskDefinition> byKey, JsonNode form, List<MaterialSpec> materials,
                                 String field) {
            switch (source.kind()) {
                case FORM -> {
                    if (!hasFormField(form, source.path())) {
                        throw fail(field, "the form has no field " + String.join(".", source.path()));
                    }
                }
                case MATERIAL -> {
                    if (materials.stream().noneMatch(m -> m.name().equals(source.path().get(0)))) {
                        throw fail(field, "unknown material '" + source.path().get(0) + "'");
                    }
                }
                case TASK_OUTPUT -> {
                    TaskDefinition from = byKey.get(source.taskKey());
                    if (from == null) {
                        throw fail(field, "unknown task '" + source.taskKey() + "'");
                    }
                    if (!ancestors.get(task.key()).contains(from.key())) {
                        throw fail(field, "task '" + from.key() + "' is not among the tasks '" + task.key()
                                + "' depends on, so its output cannot be ready");
                    }
                    if (!from.outputs().contains(source.outputName())) {
                        throw fail(field, "task '" + from.key() + "' has no output '" + source.outputName() + "'");
                    }
                }
            }
        }


        /** Every task's transitive dependencies; fails on a cycle. */
        private Map<String, Set<String>> ancestors(Map<String, TaskDefinition> byKey) {
            Map<String, Set<String>> result = new HashMap<>();
            for (String key : byKey.keySet()) {
                collect(key, byKey, result, new HashSet<>());
            }
            return result;
        }

        private Set<String> collect(String key, Map<String, TaskDefinition> byKey, Map<String, Set<String>> done,
                                    Set<String> visiting) {
            if (done.containsKey(key)) {
                return done.get(key);
            }
            if (!visiting.add(key)) {
                throw fail("tasks", "dependency cycle through task '" + key + "'");
            }
            Set<String> all = new HashSet<>();
            for (String dep : byKey.get(key).dependsOn()) {
                all.add(dep);
                all.addAll(collect(dep, byKey, done, visiting));
            }
            visiting.remove(key);
            done.put(key, all);
            return all;
        }

        private List<TaskDefinition> orderedByDependencies(List<TaskDefinition> tasks) {
            List<TaskDefinition> ordered = new ArrayList<>();
            Set<String> placed = new HashSet<>();
            while (ordered.size() < tasks.size()) {
                for (TaskDefinition t : tasks) {
                    if (!placed.contains(t.key()) && placed.containsAll(t.dependsOn())) {
                        ordered.add(t);
                        placed.add(t.key());
                    }
                }
            }
            return ordered;
        }

        private LocalizedText title(JsonNode node, String field) {
            JsonNode t = node.get("title");
            if (t == null || !t.isObject()) {
                throw fail(field, "missing: a title with zh and en");
            }
            return new LocalizedText(text(t, "zh", field + ".zh"), text(t, "en", field + ".en"));
        }

        private String text(JsonNode node, String name) {
            return text(node, name, name);
        }

        private String text(JsonNode node, String name, String field) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
                throw fail(field, "missing or empty");
            }
            return v.asText();
        }

        private int positiveInt(JsonNode node, String name) {
            JsonNode v = node.get(name);
            if (v == null || !v.canConvertToInt() || v.asInt() < 1 || !v.isIntegralNumber()) {
                throw fail(name, "must be a whole number of at least 1");
            }
            return v.asInt();
        }

        private int nonNegativeInt(JsonNode node, String name, String parent) {
            JsonNode v = node.get(name);
            if (!v.isIntegralNumber() || v.asInt() < 0) {
                throw fail(parent + "." + name, "must be a whole number of at least 0");
            }
            return v.asInt();
        }

        private List<String> strings(JsonNode node, String field) {
            if (!node.isArray()) {
                throw fail(field, "must be a list");
            }
            List<String> result = new ArrayList<>();
            node.forEach(n -> {
                if (!n.isTextual() || n.asText().isBlank()) {
                    throw fail(field, "must list non-empty names");
                }
                result.add(n.asText());
            });
            return result;
        }

        private CatalogueException fail(String field, String problem) {
            return new CatalogueException(file, field, problem);
        }
    }
}
