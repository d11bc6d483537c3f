package org.smartkampung.gateway.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every gateway pipeline: an error that reaches it (junk datagrams a decoder
 * cannot read, a reset connection) is counted and logged as one line at most once a minute with how
 * many came since, never with a stack trace per packet. A UDP channel stays open (it serves
 * everyone); a TCP connection is closed.
 */
@ChannelHandler.Sharable
public final class PipelineErrors extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(PipelineErrors.class);

  private final String listener;
  private final Counter errors;
  private final WarnLimiter warnings;

  /**
   * @param listener names the listener in logs and in {@code kampung_gateway_pipeline_errors_total}
   */
  public PipelineErrors(String listener, MeterRegistry metrics, Clock clock) {
    this.listener = listener;
    this.errors = metrics.counter("kampung.gateway.pipeline.errors", "listener", listener);
    this.warnings = new WarnLimiter(log, clock);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    errors.increment();
    warnings.warn("{}: {}", listener, describe(cause));
    if (!(ctx.channel() instanceof DatagramChannel)) {
      ctx.close();
    }
  }

  /** The innermost cause in one line: its type and message. */
  static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + message;
  }
}
