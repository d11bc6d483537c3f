package org.smartkampung.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.smartkampung.core.quota.OpeningHours;

/**
 * Checks the parsed tree against the shape of the config records: every key is a kebab-case record
 * component, every value has the type the component needs. Reports each problem with its line and
 * returns a tree that holds only the good values, in the form {@link ConfigJson} binds, so that
 * meaning checks can still run on everything else.
 */
final class ConfigShape {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final PropertyNamingStrategies.NamingBase KEBAB =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;

  private final Problems problems;
  private final Set<String> substitutedPaths;

  private ConfigShape(Problems problems, Set<String> substitutedPaths) {
    this.problems = problems;
    this.substitutedPaths = substitutedPaths;
  }

  /** The checked tree for {@code type}; never null. */
  static ObjectNode check(
      JsonNode root, Class<?> type, Set<String> substitutedPaths, Problems problems) {
    ConfigShape shape = new ConfigShape(problems, substitutedPaths);
    if (root.isNull()) {
      return NODES.objectNode();
    }
    JsonNode checked = shape.value(root, type, "");
    return checked instanceof ObjectNode ? (ObjectNode) checked : NODES.objectNode();
  }

  /** The kebab-case key of a record component, as written in the YAML file. */
  static String key(RecordComponent component) {
    return KEBAB.translate(component.getName());
  }

  /** The normalised value, or null when it is absent or wrong (the problem is reported). */
  private JsonNode value(JsonNode node, Type type, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    Class<?> raw = rawClass(type);
    // OpeningHours is a record too, but is written as one string: match it before records.
    if (raw == OpeningHours.class) {
      return openingHours(node, path);
    }
    if (raw.isRecord()) {
      return record(node, raw, path);
    }
    if (raw == List.class) {
      return list(node, ((ParameterizedType) type).getActualTypeArguments()[0], path);
    }
    if (raw.isEnum()) {
      return enumValue(node, raw, path);
    }
    if (raw == String.class || raw == Path.class) {
      if (node.isValueNode()) {
        return NODES.textNode(node.asText());
      }
      return wrong(path, "text", node);
    }
    if (raw == Integer.class || raw == int.class) {
      return wholeNumber(node, path, true);
    }
    if (raw == Long.class || raw == long.class) {
      return wholeNumber(node, path, false);
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return bool(node, path);
    }
    if (raw == ZoneId.class) {
      return zone(node, path);
    }
    throw new IllegalStateException("no config shape for " + type + " at " + path);
  }

  private JsonNode record(JsonNode node, Class<?> type, String path) {
    if (!node.isObject()) {
      return wrong(path, "a section of 'key: value' lines", node);
    }
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    for (RecordComponent component : type.getRecordComponents()) {
      components.put(key(component), component);
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String child = Problems.child(path, field.getKey());
      RecordComponent component = components.get(field.getKey());
      if (component == null) {
        problems.at(child, unknownKey(field.getKey(), components.keySet()));
        continue;
      }
      JsonNode checked = value(field.getValue(), component.getGenericType(), child);
      if (checked != null) {
        out.set(field.getKey(), checked);
      }
    }
    return out;
  }

  private JsonNode list(JsonNode node, Type elementType, String path) {
    boolean records = rawClass(elementType).isRecord();
    if (node.isValueNode() && !records) {
      // One value where a list of values is expected is a list of one (upstream-dns: 1.1.1.1).
      JsonNode one = value(node, elementType, path);
      return one == null ? null : NODES.arrayNode().add(one);
    }
    if (!node.isArray()) {
      return wrong(path, "a list of '- ' items", node);
    }
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < node.size(); i++) {
      JsonNode checked = value(node.get(i), elementType, path + "[" + i + "]");
      if (checked != null) {
        out.add(checked);
      } else if (records) {
        // Keep the place so later items keep their index (and so their line in errors).
        out.add(NODES.objectNode());
      }
    }
    return out;
  }

  private JsonNode enumValue(JsonNode node, Class<?> type, String path) {
    List<String> names =
        Arrays.stream(type.getEnumConstants()).map(c -> kebab((Enum<?>) c)).toList();
    String text;
    if (node.isBoolean() && names.contains("yes") && names.contains("no")) {
      // YAML 1.1 reads a bare yes/no as a boolean; for a yes/no/auto setting it means the word.
      text = node.booleanValue() ? "yes" : "no";
    } else if (node.isTextual()) {
      text = node.textValue().trim().toLowerCase(Locale.ROOT);
    } else {
      return wrong(path, "one of " + String.join(", ", names), node);
    }
    if (names.contains(text)) {
      return NODES.textNode(text);
    }
    String message =
        "expected one of " + String.join(", ", names) + ", got '" + node.asText() + "'";
    problems.at(path, message + didYouMean(text, names));
    return null;
  }

  /** The YAML spelling of an enum constant: {@code KAMPUNG_GATEWAY} is {@code kampung-gateway}. */
  static String kebab(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private JsonNode wholeNumber(JsonNode node, String path, boolean asInt) {
    JsonNode number = node;
    if (node.isTextual() && substitutedPaths.contains(path)) {
      // A plain ${KAMPUNG_PORT:-1812} is a YAML string; its value is meant as a number.
      try {
        number = NODES.numberNode(Long.parseLong(node.textValue().trim()));
      } catch (NumberFormatException e) {
        number = node;
      }
    }
    if (number.isIntegralNumber()
        && (asInt ? number.canConvertToInt() : number.canConvertToLong())) {
      return asInt ? NODES.numberNode(number.intValue()) : NODES.numberNode(number.longValue());
    }
    if (number.isIntegralNumber()) {
      problems.at(path, "number " + number.asText() + " is too large");
      return null;
    }
    return wrong(path, "a whole number", node);
  }

  private JsonNode bool(JsonNode node, String path) {
    if (node.isBoolean()) {
      return node;
    }
    if (node.isTextual() && substitutedPaths.contains(path)) {
      String text = node.textValue().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return NODES.booleanNode(text.equals("true"));
      }
    }
    return wrong(path, "true or false", node);
  }

  private JsonNode zone(JsonNode node, String path) {
    if (!node.isTextual()) {
      return wrong(path, "a time zone such as Asia/Jakarta", node);
    }
    try {
      ZoneId.of(node.textValue().trim());
      return NODES.textNode(node.textValue().trim());
    } catch (DateTimeException e) {
      problems.at(
          path,
          "unknown time zone '"
              + node.textValue()
              + "' (Indonesia uses Asia/Jakarta, Asia/Makassar or Asia/Jayapura)");
      return null;
    }
  }

  private JsonNode openingHours(JsonNode node, String path) {
    if (!node.isTextual()) {
      return wrong(path, "opening hours like \"06:00-22:00\"", node);
    }
    try {
      OpeningHours.parse(node.textValue());
      return node;
    } catch (IllegalArgumentException e) {
      problems.at(path, "bad opening hours: " + e.getMessage());
      return null;
    }
  }

  private JsonNode wrong(String path, String expected, JsonNode got) {
    problems.at(path, "expected " + expected + ", got " + describe(got));
    return null;
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a section";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "'" + node.asText() + "'";
  }

  private static String unknownKey(String key, Set<String> known) {
    return "unknown key '"
        + key
        + "'"
        + Suggestions.closest(key, known)
            .map(s -> " (did you mean '" + s + "'?)")
            .orElse(" (known keys: " + String.join(", ", known) + ")");
  }

  private static String didYouMean(String text, List<String> names) {
    return Suggestions.closest(text, names).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("no config shape for " + type);
  }
}
