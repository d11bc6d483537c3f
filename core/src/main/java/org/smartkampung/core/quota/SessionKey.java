package org.smartkampung.core.quota;

/**
 * Identifies one session to the ledger: who is online, on which device, in which village.
 *
 * @param villageId the village whose counters the session charges
 * @param userId the villager (subscriber username, voucher code or click-through device id)
 * @param deviceId the device, normally its MAC address in lowercase colon form
 * @param sessionId unique across the village, for example NAS name + Acct-Session-Id
 */
public record SessionKey(String villageId, String userId, String deviceId, String sessionId) {}
