package org.smartkampung.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonJournalTest {

  record Note(String text, long bytes) {}

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("notes.jsonl");
  }

  @Test
  void tornLastLineIsDroppedAndEarlierChangesKept() throws Exception {
    try (JsonJournal<Note> journal = JsonJournal.open(file(), Note.class)) {
      journal.put("a", new Note("satu", 1));
    }
    Files.writeString(
        file(),
        "{\"put\":{\"b\":{\"text\":\"du",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    try (JsonJournal<Note> journal = JsonJournal.open(file(), Note.class)) {
      assertThat(journal.entries()).containsExactly(Map.entry("a", new Note("satu", 1)));
      journal.put("c", new Note("tiga", 3));
    }
    try (JsonJournal<Note> journal = JsonJournal.open(file(), Note.class)) {
      assertThat(journal.entries()).containsOnlyKeys("a", "c");
    }
  }

  @Test
  void unterminatedLastLineIsDroppedEvenIfItParses() throws Exception {
    try (JsonJournal<Note> journal = JsonJournal.open(file(), Note.class)) {
      journal.put("a", new Note("satu", 1));
    }
    Files.writeString(
        file(), "{\"remove\":[\"a\"]}", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (JsonJournal<Note> journal = JsonJournal.open(file(), Note.class)) {
      assertThat(journal.entries()).containsOnlyKeys("a");
    }
  }

  @Test
  void damagedLineBeforeTheEndRefusesToOpen() throws Exception {
    Files.writeString(
        file(),
        "{\"put\":{\"a\":{\"text\":\"satu\",\"bytes\":1}}}\nrusak\n"
            + "{\"put\":{\"b\":{\"text\":\"dua\",\"bytes\":2}}}\n");

    assertThatThrownBy(() -> JsonJournal.open(file(), Note.class))
        .isInstanceOf(UncheckedIOException.class)
        .hasStackTraceContaining("line 2");
  }

  @Test
  void manyChangesCompactTheFileToTheLiveRecords() throws Exception {
    try (JsonJournal<Note> journal = JsonJournal.open(file(), Note.class)) {
      for (int i = 0; i < 5_000; i++) {
        journal.put("k" + (i % 10), new Note("versi " + i, i));
      }
      journal.remove("k0");
    }

    assertThat(Files.readAllLines(file()).size()).isLessThan(1_100);
    try (JsonJournal<Note> journal = JsonJournal.open(file(), Note.class)) {
      assertThat(journal.entries()).hasSize(9);
      assertThat(journal.get("k9")).isEqualTo(new Note("versi 4999", 4999));
      assertThat(Files.readAllLines(file())).hasSize(9);
    }
  }
}
