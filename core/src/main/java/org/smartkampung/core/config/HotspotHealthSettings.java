package org.smartkampung.core.config;

/**
 * When a hotspot counts as quiet or down, and whom to tell. A hotspot is seen whenever it sends any
 * RADIUS packet (Access-Request, accounting, Status-Server, Accounting-On). Outside its village's
 * opening hours silence is expected, so a hotspot is never turned down then.
 *
 * @param quietMinutes unseen this long during opening hours: quiet (default 15)
 * @param downMinutes unseen this long during opening hours: down (default 30)
 * @param webhookUrl an http(s) URL that gets a JSON POST when a hotspot goes down during opening
 *     hours and when it comes back; null for none
 * @param checkIntervalSeconds how often states are worked out (default 60)
 * @param webhookChatId when set, the POST also carries it as {@code chat_id} and {@code chatId}, so
 *     a Telegram bot's sendMessage or a WhatsApp gateway can take the POST as it is
 */
public record HotspotHealthSettings(
    Integer quietMinutes,
    Integer downMinutes,
    String webhookUrl,
    Integer checkIntervalSeconds,
    String webhookChatId) {

  public static final HotspotHealthSettings DEFAULTS =
      new HotspotHealthSettings(null, null, null, null, null);

  public HotspotHealthSettings {
    quietMinutes = quietMinutes == null ? 15 : quietMinutes;
    downMinutes = downMinutes == null ? 30 : downMinutes;
    webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
    checkIntervalSeconds = checkIntervalSeconds == null ? 60 : checkIntervalSeconds;
    webhookChatId = webhookChatId == null || webhookChatId.isBlank() ? null : webhookChatId.trim();
  }
}
