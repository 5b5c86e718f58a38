package io.newsflow.events;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The payload schemas of contract v1, loaded once from the classpath, with the CloudEvents type of each. */
public enum EventSchema {

    RAW_ARTICLE("raw-article", RawArticle.class, "io.newsflow.article.raw.v1"),
    ENRICHED_ARTICLE("enriched-article", EnrichedArticle.class, "io.newsflow.article.enriched.v1");

    /** Where the schemas say they live ($id); mapped to the copies on the classpath so nothing is fetched. */
    static final String ID_PREFIX = "https://schemas.newsflow.io/v1/";

    private final String name;
    private final Class<?> type;
    private final String cloudEventType;
    private final JsonSchema schema;

    EventSchema(String name, Class<?> type, String cloudEventType) {
        this.name = name;
        this.type = type;
        this.cloudEventType = cloudEventType;
        this.schema = Holder.FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + name + ".schema.json"), Holder.CONFIG);
        this.schema.initializeValidators();
    }

    public Class<?> type() {
        return type;
    }

    /** The {@code ce_type} header of events with this payload. */
    public String cloudEventType() {
        return cloudEventType;
    }

    /** The schema file's path on the classpath. */
    public String resource() {
        return "schemas/v1/" + name + ".schema.json";
    }

    /** Every violation of this schema in {@code event}, as {@code <json path>: <message>}; empty when valid. */
    public List<String> violations(JsonNode event) {
        return schema.validate(event).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .distinct()
                .toList();
    }

    public static EventSchema of(Class<?> type) {
        for (EventSchema s : values()) {
            if (s.type.equals(type)) {
                return s;
            }
        }
        throw new IllegalArgumentException("No event schema for " + type.getName());
    }

    // Enum constants cannot read static fields of their own enum in constructors; a holder class can.
    private static final class Holder {
        static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(ID_PREFIX, "classpath:schemas/v1/")));
        static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
    }
}
