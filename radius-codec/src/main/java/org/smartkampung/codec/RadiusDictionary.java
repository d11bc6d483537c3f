package org.smartkampung.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.tinyradius.dictionary.Dictionary;
import org.tinyradius.dictionary.DictionaryParser;
import org.tinyradius.dictionary.MemoryDictionary;

/**
 * Builds the attribute dictionary: TinyRadius's default dictionary, then our vendor dictionary
 * ({@code config/dictionary.kampung}, shipped on the classpath), then an optional operator file.
 * Each call makes a new dictionary, so no process-wide state is shared or mutated.
 */
public final class RadiusDictionary {

  /** Classpath location of the shipped copy of {@code config/dictionary.kampung}. */
  public static final String KAMPUNG_RESOURCE = "org/smartkampung/codec/dictionary.kampung";

  private static final String DEFAULT_RESOURCE = "org/tinyradius/dictionary/default_dictionary";

  private RadiusDictionary() {}

  /** The default plus the Kampung vendor attributes. */
  public static Dictionary load() {
    return load(null);
  }

  /**
   * The default plus the Kampung vendor attributes plus {@code extraFile} when not null.
   *
   * @throws UncheckedIOException when a dictionary cannot be read
   */
  public static Dictionary load(@Nullable Path extraFile) {
    MemoryDictionary dictionary = new MemoryDictionary();
    try {
      parseResource(DEFAULT_RESOURCE, Dictionary.class.getClassLoader(), dictionary);
      parseResource(KAMPUNG_RESOURCE, RadiusDictionary.class.getClassLoader(), dictionary);
      if (extraFile != null) {
        try (InputStream in = Files.newInputStream(extraFile)) {
          DictionaryParser.parseDictionary(in, dictionary);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read RADIUS dictionary: " + e.getMessage(), e);
    }
    return dictionary;
  }

  private static void parseResource(String name, ClassLoader loader, MemoryDictionary into)
      throws IOException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing classpath resource " + name);
      }
      DictionaryParser.parseDictionary(in, into);
    }
  }
}
