package io.tongban.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AsyncAPI document for Kafka-native departments ({@code asyncapi/departments.yaml}) says what the
 * code does: its channels are the real topic names, each message is a real event type sent on that
 * channel, its payload is the type's JSON Schema, and each example is an event our records read and the
 * schema accepts.
 */
class DepartmentsAsyncApiTest {
    private static final String DOCUMENT = "asyncapi/departments.yaml";
    private static final String TASKS = "tongban.dept.{department}.tasks";
    private static final String RESULTS = "tongban.dept.{department}.results";
    private static final String REFUSED = "tongban.dept.{department}.refused";
    /** Which types travel on which department topic (ARCHITECTURE §2). */
    private static final Map<String, Set<String>> TYPES_PER_CHANNEL = Map.of(
            TASKS, Set.of(EventTypes.DEPARTMENT_TASK_ASSIGNED, EventTypes.DEPARTMENT_TASK_CANCELLED,
                    EventTypes.DEPARTMENT_TASK_SUPPLEMENTED),
            RESULTS, Set.of(EventTypes.DEPARTMENT_TASK_RECEIVED, EventTypes.DEPARTMENT_TASK_COMPLETED,
                    EventTypes.DEPARTMENT_TASK_REJECTED, EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED,
                    EventTypes.DEPARTMENT_TASK_DELIVERY_FAILED),
            REFUSED, Set.of(EventTypes.DEPARTMENT_ANSWER_REFUSED));
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static JsonNode document;

    record ChannelMessage(String channel, String messageName, JsonNode message) {
        @Override
        public String toString() {
            return channel + " " + messageName;
        }
    }

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = resource(DOCUMENT)) {
            assertThat(in).as(DOCUMENT).isNotNull();
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    static Stream<ChannelMessage> channelMessages() throws IOException {
        read();
        List<ChannelMessage> all = new ArrayList<>();
        document.path("channels").fields().forEachRemaining(channel -> {
            JsonNode operation = channel.getValue().has("subscribe") ? channel.getValue().get("subscribe")
                    : channel.getValue().get("publish");
            operation.path("message").path("oneOf").forEach(ref -> {
                String name = ref.get("$ref").asText().replace("#/components/messages/", "");
                all.add(new ChannelMessage(channel.getKey(), name, document.path("components").path("messages").path(name)));
            });
        });
        return all.stream();
    }

    @Test
    void theChannelsAreTheDepartmentTopics() {
        List<String> channels = new ArrayList<>();
        document.path("channels").fieldNames().forEachRemaining(channels::add);

        assertThat(channels).containsExactlyInAnyOrder(TASKS, RESULTS, REFUSED);
        assertThat(TASKS.replace("{department}", "health")).isEqualTo(Topics.tasksOf("health"));
        assertThat(RESULTS.replace("{department}", "health")).isEqualTo(Topics.resultsOf("health"));
        assertThat(REFUSED.replace("{department}", "health")).isEqualTo(Topics.refusedOf("health"));
        assertThat(document.path("channels").path(TASKS).has("subscribe")).as("departments consume tasks").isTrue();
        assertThat(document.path("channels").path(RESULTS).has("publish")).as("departments write results").isTrue();
        assertThat(document.path("channels").path(REFUSED).has("subscribe")).as("departments read their refusals")
                .isTrue();
    }

    @Test
    void everyDepartmentEventTypeIsDocumentedOnItsChannel() throws IOException {
        Map<String, List<String>> documented = new java.util.HashMap<>();
        channelMessages().forEach(m -> documented.computeIfAbsent(m.channel(), c -> new ArrayList<>())
                .add(m.message().path("name").asText()));

        TYPES_PER_CHANNEL.forEach((channel, types) ->
                assertThat(documented.get(channel)).as(channel).containsExactlyInAnyOrderElementsOf(types));
    }

    @ParameterizedTest
    @MethodSource("channelMessages")
    void eachMessageIsARealEventTypeSentOnThatChannel(ChannelMessage m) {
        String type = m.message().path("name").asText();

        assertThat(m.message().isMissingNode()).as("message %s is defined", m.messageName()).isFalse();
        assertThat(EventTypes.ALL).contains(type);
        assertThat(TYPES_PER_CHANNEL.get(m.channel())).contains(type);
        assertThat(m.message().path("headers").path("properties").path("ce_type").path("const").asText()).isEqualTo(type);
        assertThat(EventCatalog.dataClassOf(type)).isPresent();
        assertThat(EventCatalog.dataClassOf(type).orElseThrow().getSimpleName()).isEqualTo(m.messageName());
    }

    @ParameterizedTest
    @MethodSource("channelMessages")
    void eachPayloadReferencesTheTypesJsonSchema(ChannelMessage m) throws IOException {
        String type = m.message().path("name").asText();
        String ref = m.message().path("payload").path("$ref").asText();

        assertThat(ref).isEqualTo("../" + EventTypes.schemaResource(type));
        try (InputStream schema = resource("asyncapi/" + ref)) {
            assertThat(schema).as("schema %s", ref).isNotNull();
        }
        try (InputStream schema = resource(EventTypes.schemaResource(type))) {
            assertThat(schema).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("channelMessages")
    void eachExampleIsAnEventOurRecordsReadAndTheSchemaAccepts(ChannelMessage m) throws IOException {
        String type = m.message().path("name").asText();
        JsonNode examples = m.message().path("examples");
        assertThat(examples.size()).as("examples of %s", type).isPositive();

        for (JsonNode example : examples) {
            JsonNode payload = example.path("payload");
            Object data = EventJson.mapper().treeToValue(payload, EventCatalog.dataClassOf(type).orElseThrow());
            assertThat(EventCatalog.typeOf(data)).isEqualTo(type);
            assertThat(schemaOf(EventTypes.schemaResource(type)).validate(payload)).as("%s example payload", type).isEmpty();
            JsonSchema headers = FACTORY.getSchema(m.message().path("headers"), config());
            assertThat(headers.validate(example.path("headers"))).as("%s example headers", type).isEmpty();
            assertThat(example.path("headers").path("ce_subject").asText()).isEqualTo(payload.path("matterId").asText());
        }
    }

    private static JsonSchema schemaOf(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return FACTORY.getSchema(EventJson.mapper().readTree(in), config());
        }
    }

    private static SchemaValidatorsConfig config() {
        return SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    private static InputStream resource(String name) {
        String normalised = java.nio.file.Path.of(name).normalize().toString().replace('\\', '/');
        return DepartmentsAsyncApiTest.class.getClassLoader().getResourceAsStream(normalised);
    }
}
