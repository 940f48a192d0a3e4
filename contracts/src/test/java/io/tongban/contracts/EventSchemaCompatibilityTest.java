package io.tongban.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type has a schema and a recorded example; the example validates, and the Java record
 * reads it and writes it back without losing a field. An incompatible schema change (a new required
 * field, a removed field, a changed type) makes one of these fail.
 */
class EventSchemaCompatibilityTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static Stream<String> eventTypes() {
        return EventTypes.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void recordedExampleValidatesAgainstItsSchema(String type) throws IOException {
        Set<ValidationMessage> errors = schemaOf(type).validate(example(type));
        assertThat(errors).as("validation errors of the recorded %s example", type).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void recordReadsTheExampleAndWritesBackEveryField(String type) throws IOException {
        JsonNode example = example(type);
        Class<?> dataClass = EventCatalog.dataClassOf(type).orElseThrow();
        Object data = EventJson.mapper().treeToValue(example, dataClass);
        JsonNode written = EventJson.mapper().valueToTree(data);

        assertThat(EventCatalog.typeOf(data)).isEqualTo(type);
        assertThat(schemaOf(type).validate(written)).isEmpty();
        example.fieldNames().forEachRemaining(field ->
                assertThat(written.has(field)).as("%s keeps field %s", type, field).isTrue());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void aFieldAddedByANewerProducerIsIgnoredByThisReader(String type) throws IOException {
        ObjectNode newer = (ObjectNode) example(type);
        newer.put("addedInALaterMinorVersion", "ignored");
        Class<?> dataClass = EventCatalog.dataClassOf(type).orElseThrow();

        assertThat(EventJson.mapper().treeToValue(newer, dataClass)).isNotNull();
        assertThat(schemaOf(type).validate(newer)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaRejectsAnEventWithoutItsRequiredFields(String type) throws IOException {
        ObjectNode broken = (ObjectNode) example(type);
        String firstRequired = schemaJson(type).get("required").get(0).asText();
        broken.remove(firstRequired);

        assertThat(schemaOf(type).validate(broken)).isNotEmpty();
    }

    @Test
    void everyEventTypeFollowsTheNamingRule() {
        assertThat(EventTypes.ALL)
                .allMatch(t -> t.matches("tongban\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+"))
                .doesNotHaveDuplicates();
    }

    @Test
    void departmentTopicsAreDerivedFromTheDepartmentId() {
        assertThat(Topics.tasksOf("public-security")).isEqualTo("tongban.dept.public-security.tasks");
        assertThat(Topics.resultsOf("health")).isEqualTo("tongban.dept.health.results");
        assertThat(Topics.tasksOf("health")).matches(Topics.ALL_TASKS_PATTERN);
        assertThat(Topics.isValidDepartmentId("../etc")).isFalse();
    }

    private static JsonSchema schemaOf(String type) throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return FACTORY.getSchema(schemaJson(type), config);
    }

    private static JsonNode schemaJson(String type) throws IOException {
        return read(EventTypes.schemaResource(type));
    }

    private static JsonNode example(String type) throws IOException {
        return read("examples/" + type + ".json");
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = EventSchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource %s", resource).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }
}
