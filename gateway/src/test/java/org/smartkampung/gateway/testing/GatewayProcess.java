package org.smartkampung.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.smartkampung.core.gateway.GatewaySignature;

/** Runs {@code GatewayMain} in a namespace of a {@link NetnsLab} and plays its portal. */
public final class GatewayProcess {

  private GatewayProcess() {}

  /**
   * Starts the gateway with {@code config} in {@code ns}, output to {@code log}; returns once it
   * printed GATEWAY READY or died (the caller checks which).
   */
  public static Process start(NetnsLab lab, String ns, Path config, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process gateway =
        lab.spawn(
            ns,
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "org.smartkampung.gateway.GatewayMain",
                config.toString()),
            log);
    await("gateway ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !gateway.isAlive() || read(log).contains("GATEWAY READY"));
    return gateway;
  }

  /** The text of a log file so far ("" before it exists). */
  public static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Calls the gateway's authorize API from {@code ns} as the portal does, with {@code params} (gw,
   * ip, mac, username, secret) signed; returns "<http code> <json>".
   */
  public static String authorize(
      NetnsLab lab,
      String ns,
      int apiPort,
      GatewaySignature signature,
      Map<String, String> params) {
    return postAuthorize(lab, ns, apiPort, signature.sign("authorize", params));
  }

  /** Posts {@code signed} (signed, or forged by a test) to the authorize API from {@code ns}. */
  public static String postAuthorize(
      NetnsLab lab, String ns, int apiPort, Map<String, String> signed) {
    String body =
        signed.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String out =
        lab.runner(ns)
            .run(
                List.of(
                    "curl",
                    "-s",
                    "--max-time",
                    "15",
                    "-w",
                    " %{http_code}",
                    "--data-binary",
                    "@-",
                    "http://127.0.0.1:" + apiPort + "/kampung/authorize"),
                body)
            .stdout()
            .trim();
    int space = out.lastIndexOf(' ');
    return out.substring(space + 1) + " " + out.substring(0, Math.max(space, 0));
  }
}
