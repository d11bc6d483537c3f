package org.smartkampung.radius.server;

import java.net.InetSocketAddress;

/** An encoded reply on its way to the NAS. */
record OutgoingReply(byte[] bytes, InetSocketAddress recipient) {}
