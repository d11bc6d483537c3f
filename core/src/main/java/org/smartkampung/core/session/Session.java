package org.smartkampung.core.session;

import java.time.Instant;

/**
 * A villager's live session on a hotspot, as accounting reports it.
 *
 * @param id unique session id: NAS name + "/" + Acct-Session-Id
 * @param villageId village the session charges
 * @param userId subscriber username, voucher code or click-through id
 * @param deviceMac device MAC address in lowercase colon form; empty when unknown
 * @param nasName name of the NAS client that reported it
 * @param nasAddress IP address of that NAS, for Disconnect-Request and CoA
 * @param acctSessionId the NAS's Acct-Session-Id
 * @param framedIp the villager's IP address; empty when unknown
 * @param startedAt when the session started
 * @param updatedAt when the last accounting record arrived
 * @param inBytes cumulative bytes the villager received
 * @param outBytes cumulative bytes the villager sent
 * @param rateBitsPerSecond download plus upload bits per second averaged over the session's
 *     Acct-Session-Time as the hotspot reported it
 */
public record Session(
    String id,
    String villageId,
    String userId,
    String deviceMac,
    String nasName,
    String nasAddress,
    String acctSessionId,
    String framedIp,
    Instant startedAt,
    Instant updatedAt,
    long inBytes,
    long outBytes,
    long rateBitsPerSecond) {}
