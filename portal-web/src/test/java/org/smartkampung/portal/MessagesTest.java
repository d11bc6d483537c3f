package org.smartkampung.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.smartkampung.portal.i18n.Messages;
import org.smartkampung.portal.login.Explanation;

/** Both languages have every text the pages and handlers ask for. */
class MessagesTest {

  static final Path MAIN = Path.of("src/main");

  /** The admin console's pages and code use their own bundle, checked on their own below. */
  private static final String ADMIN = "/admin";

  private static final String ADMIN_BUNDLE = "i18n.admin";
  private static final Pattern TEMPLATE_KEY = Pattern.compile("t\\['([a-zA-Z0-9.-]+)'\\]");

  @Test
  void bothLanguagesHaveTheSameKeys() {
    Messages messages = Messages.load();

    assertThat(messages.all(Messages.EN).keySet())
        .containsExactlyInAnyOrderElementsOf(messages.all(Messages.ID).keySet());
    assertThat(messages.get(Messages.ID, "login.free.title")).isEqualTo("Internet Gratis");
    assertThat(messages.get(Messages.EN, "login.free.title")).isEqualTo("Free Internet");
  }

  @Test
  void everyKeyUsedInTemplatesAndCodeExists() throws IOException {
    Set<String> used = new HashSet<>();
    collect(MAIN.resolve("resources/templates"), TEMPLATE_KEY, ADMIN, used);
    collect(
        MAIN.resolve("java"),
        Pattern.compile("\"((?:error|notice|greeting|amount|info|status|nas)\\.[a-zA-Z0-9.-]+)\""),
        ADMIN,
        used);
    for (Explanation e : Explanation.values()) {
      used.add("info." + e.slug() + ".title");
      used.add("info." + e.slug() + ".body");
    }
    assertThat(used).hasSizeGreaterThan(30);

    Messages messages = Messages.load();
    for (String lang : new String[] {Messages.ID, Messages.EN}) {
      assertThat(messages.all(lang).keySet()).as(lang).containsAll(used);
    }
  }

  @Test
  void languageChoiceFollowsAnExplicitChoiceElseBahasaIndonesiaWhateverTheBrowser() {
    assertThat(Messages.choose(null)).isEqualTo("id");
    assertThat(Messages.choose("id")).isEqualTo("id");
    assertThat(Messages.choose("en")).isEqualTo("en");
    assertThat(Messages.choose("xx")).isEqualTo("id");
  }

  @Test
  void everyKeyTheAdminTemplatesUseExistsInBothLanguagesOfTheAdminBundle() throws IOException {
    Set<String> used = new HashSet<>();
    collect(MAIN.resolve("resources/templates/admin"), TEMPLATE_KEY, null, used);
    assertThat(used).hasSizeGreaterThan(30);

    Messages admin = Messages.load(ADMIN_BUNDLE);
    for (String lang : new String[] {Messages.ID, Messages.EN}) {
      assertThat(admin.all(lang).keySet()).as("admin " + lang).containsAll(used);
    }
  }

  /** Collects pattern matches from files under dir, leaving out paths that contain skip. */
  private static void collect(Path dir, Pattern pattern, String skip, Set<String> into)
      throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> skip == null || !f.toString().contains(skip))
              .toList()) {
        Matcher m = pattern.matcher(Files.readString(file));
        while (m.find()) {
          into.add(m.group(1));
        }
      }
    }
  }
}
