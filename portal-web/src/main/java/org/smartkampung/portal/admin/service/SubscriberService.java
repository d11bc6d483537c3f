package org.smartkampung.portal.admin.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartkampung.core.session.LimitsRequest;
import org.smartkampung.core.session.Session;
import org.smartkampung.core.session.SessionCommands;
import org.smartkampung.core.session.SessionStore;
import org.smartkampung.core.subscriber.PasswordHasher;
import org.smartkampung.core.subscriber.QuotaOverride;
import org.smartkampung.core.subscriber.Subscriber;
import org.smartkampung.core.subscriber.SubscriberStore;

/**
 * A village's subscribers: create, change (password, enabled, quota override), delete. Every change
 * is one store write and one audit entry, never with a password or its hash. Blocking (a new
 * password costs one PBKDF2 hash): run it off the event loop.
 */
public final class SubscriberService {

  private static final Logger log = LoggerFactory.getLogger(SubscriberService.class);

  /** Lowercase letters, digits, dot, dash, underscore; 3 to 32 characters; no leading symbol. */
  public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

  /** Shortest subscriber password accepted. */
  public static final int MIN_PASSWORD_CHARS = 8;

  /** Longest display name. */
  public static final int MAX_NAME_CHARS = 80;

  /**
   * A new subscriber of the village, enabled, following the village's quota.
   *
   * @param username lowercase, {@link #USERNAME}; unique in the whole kabupaten
   * @param displayName shown to admins; the username when empty
   * @param password as typed, at least {@link #MIN_PASSWORD_CHARS} characters
   */
  public record Create(
      String villageId, String username, String displayName, String password, String actor) {
    public Create {
      displayName = displayName == null || displayName.isBlank() ? username : displayName.trim();
    }
  }

  /**
   * Changes a subscriber; each part left null (or {@code setOverride} false) stays as it is.
   *
   * @param newPassword as typed
   * @param override the quota override; null returns the subscriber to the village's quota
   */
  public record Change(
      String villageId,
      String username,
      String actor,
      String newPassword,
      Boolean enabled,
      boolean setOverride,
      QuotaOverride override) {

    public static Change password(String villageId, String username, String actor, String pw) {
      return new Change(villageId, username, actor, pw, null, false, null);
    }

    public static Change enabled(String villageId, String username, String actor, boolean on) {
      return new Change(villageId, username, actor, null, on, false, null);
    }

    public static Change override(
        String villageId, String username, String actor, QuotaOverride override) {
      return new Change(villageId, username, actor, null, null, true, override);
    }

    /** What the change touches, as the audit action's suffix: {@code password+enabled}. */
    String parts() {
      List<String> parts = new ArrayList<>();
      if (newPassword != null) {
        parts.add("password");
      }
      if (enabled != null) {
        parts.add("enabled");
      }
      if (setOverride) {
        parts.add("override");
      }
      return String.join("+", parts);
    }
  }

  /**
   * A subscriber after a change.
   *
   * @param limits the request asking the RADIUS role to give running sessions their new limits;
   *     empty when the override did not change or the request could not be queued
   */
  public record Changed(Subscriber subscriber, Optional<LimitsRequest> limits) {}

  /** Deletes a subscriber of the village. */
  public record Delete(String villageId, String username, String actor) {}

  private final SubscriberStore subscribers;
  private final PasswordHasher hasher;
  private final SessionCommands commands;
  private final SessionStore sessions;
  private final SessionService kicks;
  private final Audit audit;

  /**
   * @param sessions the live sessions, whose subscriber's are ended through {@code kicks} when the
   *     subscriber is deleted or disabled
   */
  public SubscriberService(
      SubscriberStore subscribers,
      PasswordHasher hasher,
      SessionCommands commands,
      SessionStore sessions,
      SessionService kicks,
      Audit audit) {
    this.subscribers = subscribers;
    this.hasher = hasher;
    this.commands = commands;
    this.sessions = sessions;
    this.kicks = kicks;
    this.audit = audit;
  }

  /**
   * Creates the subscriber, audited as {@code subscriber.create}.
   *
   * @return the subscriber; {@link AdminError.Invalid} for a bad or taken username ({@code
   *     subscriber.taken}), a short password or a long name
   */
  public Outcome<Subscriber> create(Create command) {
    Map<String, String> problems = new LinkedHashMap<>();
    String username = command.username() == null ? "" : command.username();
    if (username.isEmpty()) {
      problems.put("username", "form.required");
    } else if (!USERNAME.matcher(username).matches()) {
      problems.put("username", "subscriber.usernameChars");
    }
    if (command.displayName().length() > MAX_NAME_CHARS) {
      problems.put("displayName", "subscriber.nameLong");
    }
    problems.putAll(passwordProblems(command.password()));
    if (problems.isEmpty() && subscribers.find(username).isPresent()) {
      problems.put("username", "subscriber.taken");
    }
    if (!problems.isEmpty()) {
      return Outcome.refused(new AdminError.Invalid(problems));
    }
    Subscriber s =
        new Subscriber(
            username,
            command.villageId(),
            hasher.hash(command.password()),
            command.displayName(),
            true,
            null);
    // Usernames are unique regency-wide; the store refuses a name taken meanwhile.
    if (!subscribers.create(s)) {
      return Outcome.refused(AdminError.Invalid.of("username", "subscriber.taken"));
    }
    audit.record(
        command.actor(), command.villageId(), "subscriber.create", username, "", describe(s));
    return Outcome.done(s);
  }

  /**
   * Applies every part of the change in one write, audited once as {@code subscriber.<parts>}; a
   * changed override asks the RADIUS role to give the subscriber's running sessions new limits.
   */
  public Outcome<Changed> change(Change command) {
    Outcome<Subscriber> found = find(command.villageId(), command.username());
    if (found instanceof Outcome.Refused<Subscriber> r) {
      return Outcome.refused(r.error());
    }
    Subscriber before = ((Outcome.Done<Subscriber>) found).value();
    if (command.newPassword() != null) {
      Map<String, String> problems = passwordProblems(command.newPassword());
      if (!problems.isEmpty()) {
        return Outcome.refused(new AdminError.Invalid(problems));
      }
    }
    String what = command.parts();
    if (what.isEmpty()) {
      return Outcome.done(new Changed(before, Optional.empty()));
    }
    Subscriber next =
        new Subscriber(
            before.username(),
            before.villageId(),
            command.newPassword() == null
                ? before.passwordHash()
                : hasher.hash(command.newPassword()),
            before.displayName(),
            command.enabled() == null ? before.enabled() : command.enabled(),
            command.setOverride() ? command.override() : before.quotaOverride());
    subscribers.update(next);
    boolean password = command.newPassword() != null;
    audit.record(
        command.actor(),
        command.villageId(),
        "subscriber." + what,
        next.username(),
        password ? "" : describe(before),
        password ? "" : describe(next));
    if (before.enabled() && !next.enabled()) {
      endSessions(command.villageId(), next.username(), command.actor());
    }
    Optional<LimitsRequest> limits =
        Objects.equals(before.quotaOverride(), next.quotaOverride())
            ? Optional.empty()
            : requestLimits(command.villageId(), next.username(), command.actor());
    return Outcome.done(new Changed(next, limits));
  }

  /**
   * Deletes the subscriber, audited as {@code subscriber.delete}; their running sessions are
   * disconnected (each kick audited as {@code session.kick}).
   *
   * @return the subscriber as it was
   */
  public Outcome<Subscriber> delete(Delete command) {
    Outcome<Subscriber> found = find(command.villageId(), command.username());
    if (found instanceof Outcome.Done<Subscriber> d && subscribers.delete(command.username())) {
      audit.record(
          command.actor(),
          command.villageId(),
          "subscriber.delete",
          command.username(),
          describe(d.value()),
          "");
      endSessions(command.villageId(), command.username(), command.actor());
    }
    return found;
  }

  /**
   * Disconnects the subscriber's live sessions in the village: a deleted or disabled account must
   * not keep browsing until its session times out.
   */
  private void endSessions(String villageId, String username, String actor) {
    for (Session s : sessions.listByVillage(villageId)) {
      if (s.userId().equals(username)) {
        kicks.kick(new SessionService.Kick(villageId, s.id(), actor));
      }
    }
  }

  /** The subscriber of the village; NotFound or OtherVillage. */
  public Outcome<Subscriber> find(String villageId, String username) {
    Optional<Subscriber> s =
        username == null || username.isEmpty() ? Optional.empty() : subscribers.find(username);
    if (s.isEmpty()) {
      return Outcome.refused(new AdminError.NotFound());
    }
    if (!s.get().villageId().equals(villageId)) {
      return Outcome.refused(new AdminError.OtherVillage());
    }
    return Outcome.done(s.get());
  }

  private static Map<String, String> passwordProblems(String password) {
    return password == null || password.length() < MIN_PASSWORD_CHARS
        ? Map.of("password", "subscriber.passwordShort")
        : Map.of();
  }

  private Optional<LimitsRequest> requestLimits(String villageId, String userId, String actor) {
    try {
      return Optional.of(commands.requestLimits(villageId, userId, actor));
    } catch (RuntimeException e) {
      // Saved anyway: running sessions take the override at their next Interim-Update.
      log.warn("cannot queue new limits for village {}: {}", villageId, e.toString());
      return Optional.empty();
    }
  }

  /** For the audit log: never the password or its hash. */
  public static String describe(Subscriber s) {
    StringBuilder sb =
        new StringBuilder("name=").append(s.displayName()).append(", enabled=").append(s.enabled());
    QuotaOverride o = s.quotaOverride();
    sb.append(", userDailyMb=").append(str(o == null ? null : o.userDailyMb()));
    sb.append(", userDailyMinutes=").append(str(o == null ? null : o.userDailyMinutes()));
    sb.append(", userRateDownKbps=").append(str(o == null ? null : o.userRateDownKbps()));
    sb.append(", userRateUpKbps=").append(str(o == null ? null : o.userRateUpKbps()));
    sb.append(", maxDevices=").append(str(o == null ? null : o.maxDevices()));
    return sb.toString();
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
