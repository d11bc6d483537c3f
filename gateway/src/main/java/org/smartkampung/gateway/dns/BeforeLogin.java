package org.smartkampung.gateway.dns;

import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the forwarder answers a client that has not logged in: enough for a phone to find its
 * captive probe and the walled garden, too little to tunnel through. Only A and AAAA questions,
 * within a per-client budget; names that look like encoded data (over-long, or long labels of
 * random-looking characters) are refused unless they are garden names or the operating systems'
 * captive-probe names.
 */
public final class BeforeLogin {

  /** Why a query was refused; the name is the metric's {@code result}. */
  public enum Refusal {
    TYPE,
    NAME,
    BUDGET
  }

  static final int MAX_NAME_CHARS = 100;
  static final int MAX_LABEL_CHARS = 30;
  private static final int CHECKED_LABEL_CHARS = 12;

  /** The names operating systems probe for a captive portal: always resolvable. */
  static final WalledGarden PROBE_NAMES =
      new WalledGarden(
          List.of(
              "connectivitycheck.gstatic.com",
              "connectivitycheck.android.com",
              "clients3.google.com",
              "clients1.google.com",
              "www.google.com",
              "captive.apple.com",
              "www.apple.com",
              "www.msftconnecttest.com",
              "www.msftncsi.com",
              "dns.msftncsi.com",
              "detectportal.firefox.com",
              "nmcheck.gnome.org"));

  private final WalledGarden garden;
  private final QueryBudget budget;

  public BeforeLogin(WalledGarden garden, QueryBudget budget) {
    this.garden = garden;
    this.budget = budget;
  }

  /** Why {@code client}'s question is refused, or empty when it may be forwarded. */
  public Optional<Refusal> refusal(String client, DnsQuestion question) {
    if (!question.type().equals(DnsRecordType.A) && !question.type().equals(DnsRecordType.AAAA)) {
      return Optional.of(Refusal.TYPE);
    }
    if (!garden.matches(question.name())
        && !PROBE_NAMES.matches(question.name())
        && looksLikeData(question.name())) {
      return Optional.of(Refusal.NAME);
    }
    if (!budget.tryTake(client)) {
      return Optional.of(Refusal.BUDGET);
    }
    return Optional.empty();
  }

  /**
   * Whether a name looks like data rather than a host name: too long, a label too long, or a long
   * label with digits in it or few vowels (hex, base32 and base64 encodings look like that).
   */
  static boolean looksLikeData(String dnsName) {
    String name = dnsName.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    if (name.length() > MAX_NAME_CHARS) {
      return true;
    }
    for (String label : name.split("\\.")) {
      if (label.length() > MAX_LABEL_CHARS) {
        return true;
      }
      if (label.length() >= CHECKED_LABEL_CHARS) {
        long digits = label.chars().filter(Character::isDigit).count();
        long vowels = label.chars().filter(ch -> "aeiouy".indexOf(ch) >= 0).count();
        if (digits >= 2 || vowels * 4 < label.length()) {
          return true;
        }
      }
    }
    return false;
  }
}
