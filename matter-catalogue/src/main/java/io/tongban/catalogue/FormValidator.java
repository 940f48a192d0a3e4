package io.tongban.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Checks an applicant's form against the matter type's JSON Schema. Thread-safe; schemas are compiled once. */
public final class FormValidator {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    public List<FormViolation> validate(MatterDefinition definition, JsonNode form) {
        JsonSchema schema = compiled.computeIfAbsent(definition.id() + "@" + definition.version(),
                k -> FACTORY.getSchema(definition.formSchema(), CONFIG));
        return schema.validate(form).stream()
                // getMessage() starts with the instance location, which is empty at the form's root (": required
                // property …"); the path is already its own field, so the message is the error alone.
                .map(m -> new FormViolation(jsonPath(m.getInstanceLocation().toString()), m.getError()))
                .sorted(Comparator.comparing(FormViolation::path))
                .toList();
    }

    /** JSON pointer {@code /child/sex} or {@code /items/0} as {@code $.child.sex} or {@code $.items[0]}. */
    static String jsonPath(String pointer) {
        StringBuilder path = new StringBuilder("$");
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            path.append(name.chars().allMatch(Character::isDigit) ? "[" + name + "]" : "." + name);
        }
        return path.toString();
    }
}
