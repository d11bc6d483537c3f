package org.smartkampung.core.nas;

/** Small facts about NAS clients that must survive a restart. */
public interface NasStateStore {

  /** Remembers that this client has sent a Message-Authenticator (for the {@code auto} policy). */
  void markMessageAuthenticatorSeen(String nasName);

  boolean messageAuthenticatorSeen(String nasName);
}
