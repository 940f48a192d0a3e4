package io.tongban.orchestrator.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.messaging.IncomingEvent;
import io.tongban.messaging.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks what arrives on the results topics against the contracts' JSON Schemas before anything is recorded:
 * Jackson alone reads a missing {@code completedAt} or {@code department} as null, and a null department used to
 * surface only later as "no public key of department  ". Each schema is compiled once, at start.
 */
@ApplicationScoped
public class ResultSchemas {
    private static final List<String> TYPES = List.of(EventTypes.DEPARTMENT_TASK_RECEIVED,
            EventTypes.DEPARTMENT_TASK_COMPLETED, EventTypes.DEPARTMENT_TASK_REJECTED,
            EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED, EventTypes.DEPARTMENT_TASK_DELIVERY_FAILED,
            EventTypes.DEPARTMENT_TASK_STALLED);
    private static final int MAX_VIOLATIONS_NAMED = 5;

    private final Map<String, JsonSchema> schemas;

    public ResultSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH).build();
        schemas = TYPES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                type -> factory.getSchema(load(type), config)));
    }

    /** Poison, with every violation named (up to a few), if the event's data does not match its type's schema. */
    public void check(IncomingEvent event) {
        JsonSchema schema = schemas.get(event.type());
        if (schema == null) {
            return; // not a results-topic type: the handler dead-letters it as such
        }
        JsonNode data;
        try {
            data = event.json() == null ? null : EventJson.mapper().readTree(event.json());
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("malformed " + event.type() + " data in event " + event.id() + ": "
                    + e.getOriginalMessage());
        }
        if (data == null || data.isMissingNode() || data.isNull()) {
            throw new PoisonEventException(event.type() + " event " + event.id() + " has no data");
        }
        List<String> violations = schema.validate(data).stream().map(ValidationMessage::getMessage)
                .sorted(Comparator.naturalOrder()).toList();
        if (!violations.isEmpty()) {
            throw new PoisonEventException(event.type() + " event " + event.id() + " does not match its schema: "
                    + String.join("; ", violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS_NAMED))));
        }
    }

    private static JsonNode load(String type) {
        String path = "/schemas/" + type + ".json";
        try (InputStream in = ResultSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema " + path + " is not on the classpath (contracts module)");
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema " + path, e);
        }
    }
}
