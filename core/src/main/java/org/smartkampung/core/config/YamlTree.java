package org.smartkampung.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads YAML text into a Jackson tree with the streaming parser, recording the line of every field
 * and list element in {@link Problems} and substituting environment variables in scalar values.
 */
final class YamlTree {

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Problems problems;
  private final EnvSubstitution env;
  private final Set<String> substitutedPaths = new HashSet<>();
  private YAMLParser parser;

  private YamlTree(Problems problems, EnvSubstitution env) {
    this.problems = problems;
    this.env = env;
  }

  /** The parsed document and the fields whose values came from the environment. */
  record Parsed(JsonNode root, Set<String> substitutedPaths) {}

  /** Parses the first document; empty when the text is not valid YAML (the error is reported). */
  static Optional<Parsed> parse(String yaml, EnvSubstitution env, Problems problems) {
    YamlTree tree = new YamlTree(problems, env);
    try (YAMLParser parser = FACTORY.createParser(yaml)) {
      tree.parser = parser;
      JsonToken first = parser.nextToken();
      JsonNode root = first == null ? NODES.objectNode() : tree.readValue("");
      return Optional.of(new Parsed(root, Set.copyOf(tree.substitutedPaths)));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problems.atLine(line, "(yaml)", "syntax error: " + summary(e.getOriginalMessage()));
      return Optional.empty();
    } catch (IOException e) {
      problems.atLine(0, "(yaml)", "cannot read: " + e.getMessage());
      return Optional.empty();
    }
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private JsonNode readValue(String path) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readObject(path);
      case START_ARRAY:
        return readArray(path);
      case VALUE_STRING:
        return NODES.textNode(substitute(path, parser.getText()));
      case VALUE_NUMBER_INT:
        return intNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        problems.at(path, "unsupported YAML value '" + parser.getText() + "'");
        return NODES.nullNode();
    }
  }

  private ObjectNode readObject(String path) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String child = Problems.child(path, key);
      int line = line();
      boolean duplicate = object.has(key);
      parser.nextToken();
      if (duplicate) {
        problems.atLine(
            line, child, "duplicate key (first at line " + problems.lineOf(child) + ")");
        parser.skipChildren();
        continue;
      }
      problems.recordLine(child, line);
      object.set(key, readValue(child));
    }
    return object;
  }

  private ArrayNode readArray(String path) throws IOException {
    ArrayNode array = NODES.arrayNode();
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      String child = path + "[" + index++ + "]";
      problems.recordLine(child, line());
      array.add(readValue(child));
    }
    return array;
  }

  private String substitute(String path, String text) {
    if (!EnvSubstitution.mentionsVariable(text)) {
      return text;
    }
    substitutedPaths.add(path);
    return env.apply(text, message -> problems.at(path, message));
  }

  private static JsonNode intNode(BigInteger value) {
    if (value.bitLength() < 32) {
      return NODES.numberNode(value.intValue());
    }
    if (value.bitLength() < 64) {
      return NODES.numberNode(value.longValue());
    }
    return NODES.numberNode(value);
  }

  /** SnakeYAML's message without the quoted source lines and caret markers. */
  private static String summary(String message) {
    if (message == null) {
      return "invalid YAML";
    }
    return message
        .lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .collect(Collectors.joining("; "));
  }
}
