package org.smartkampung.core.login;

import java.time.Instant;

/**
 * A device that logged in with a real credential, so the village's MAC authentication can let it
 * back in as the same user without the portal.
 *
 * @param villageId the village it is remembered in; another village does not know it
 * @param mac the device's MAC as a lowercase colon-separated address
 * @param userId the identity its sessions charge
 * @param expiresAt from this instant on it is forgotten
 */
public record RememberedDevice(String villageId, String mac, String userId, Instant expiresAt) {}
