package org.smartkampung.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import org.smartkampung.core.quota.OpeningHours;

/**
 * The Jackson mapper that binds a checked config tree into the records: kebab-case keys, kebab-case
 * enum values, and {@link ZoneId}, {@link OpeningHours} and {@link Path} from plain strings.
 */
final class ConfigJson {

  private ConfigJson() {}

  static ObjectMapper mapper() {
    SimpleModule module = new SimpleModule("kampung-config");
    // First: setDeserializers replaces the set that addDeserializer fills.
    module.setDeserializers(new KebabEnums());
    module.addDeserializer(ZoneId.class, new FromText<>(ZoneId.class, t -> ZoneId.of(t.trim())));
    module.addDeserializer(
        OpeningHours.class, new FromText<>(OpeningHours.class, OpeningHours::parse));
    module.addDeserializer(Path.class, new FromText<>(Path.class, Path::of));
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(module)
        .build();
  }

  private interface Parse<T> {
    T from(String text);
  }

  private static final class FromText<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private final transient Parse<T> parse;

    FromText(Class<T> type, Parse<T> parse) {
      super(type);
      this.type = type;
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return parse.from(text);
      } catch (RuntimeException e) {
        return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
      }
    }
  }

  /** Enums from their kebab-case names; YAML booleans as yes/no where the enum has those. */
  private static final class KebabEnums extends SimpleDeserializers {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> findEnumDeserializer(
        Class<?> type, DeserializationConfig config, BeanDescription beanDesc) {
      return new KebabEnum(type);
    }
  }

  private static final class KebabEnum extends StdScalarDeserializer<Object> {
    private static final long serialVersionUID = 1L;

    KebabEnum(Class<?> type) {
      super(type);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      String text =
          token == JsonToken.VALUE_TRUE
              ? "yes"
              : token == JsonToken.VALUE_FALSE ? "no" : p.getText();
      for (Object constant : handledType().getEnumConstants()) {
        if (ConfigShape.kebab((Enum<?>) constant).equalsIgnoreCase(text.trim())) {
          return constant;
        }
      }
      return ctxt.handleWeirdStringValue(handledType(), text, "not one of the allowed values");
    }
  }
}
