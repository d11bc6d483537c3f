package org.smartkampung.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code kampung.yaml} into a validated {@link KampungConfig}. Every error names the file,
 * line and field; all errors are reported together.
 *
 * <p>Four steps: the streaming YAML parser builds a tree and records the line of every field
 * (substituting {@code ${KAMPUNG_...}} variables on the way); {@link ConfigShape} checks keys and
 * types against the records; Jackson binds what is left; {@link ConfigRules} checks meaning
 * (required fields, ids, references, ranges).
 */
public final class ConfigLoader {

  private static final ObjectMapper MAPPER = ConfigJson.mapper();

  private ConfigLoader() {}

  /** Loads a file, substituting {@code ${KAMPUNG_...}} from the process environment. */
  public static KampungConfig load(Path file) throws ConfigException {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigError(file.toString(), 0, "(file)", "cannot read: " + e)));
    }
    return load(file.toString(), yaml, System.getenv());
  }

  /** Loads YAML text; {@code fileName} is used in error messages. */
  public static KampungConfig load(String fileName, String yaml, Map<String, String> env)
      throws ConfigException {
    Problems problems = new Problems(fileName);
    Optional<YamlTree.Parsed> parsed = YamlTree.parse(yaml, new EnvSubstitution(env), problems);
    if (parsed.isEmpty()) {
      throw new ConfigException(problems.sorted());
    }
    ObjectNode checked =
        ConfigShape.check(
            parsed.get().root(), KampungConfig.class, parsed.get().substitutedPaths(), problems);
    applyRegencyZone(checked);
    KampungConfig config;
    try {
      config = MAPPER.treeToValue(checked, KampungConfig.class);
    } catch (JsonProcessingException e) {
      // ConfigShape should have caught it; still report it in the same form, never a stack trace.
      String path = jacksonPath(e);
      problems.at(path, "cannot read value: " + e.getOriginalMessage());
      throw new ConfigException(problems.sorted());
    }
    ConfigRules.check(config, problems);
    if (problems.any()) {
      throw new ConfigException(problems.sorted());
    }
    return config;
  }

  /** The regency's zone is the default for villages that name none (see {@link Regency}). */
  private static void applyRegencyZone(ObjectNode checked) {
    JsonNode zone = checked.path("regency").get("time-zone");
    JsonNode villages = checked.get("villages");
    if (zone == null || villages == null) {
      return;
    }
    for (JsonNode village : villages) {
      if (village instanceof ObjectNode v && !v.has("time-zone")) {
        v.set("time-zone", zone);
      }
    }
  }

  private static String jacksonPath(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return "(yaml)";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(yaml)" : path.toString();
  }
}
