package org.smartkampung.portal.admin;

import io.nayuki.qrcodegen.QrCode;

/**
 * The QR code on a printed voucher card, as inline SVG (no image file, no script, nothing from
 * outside): scanning it joins the village's open Wi-Fi, after which the phone shows the portal
 * where the code is typed.
 */
final class VoucherQr {

  /** Quiet zone around the code, in modules, as the QR standard asks. */
  static final int BORDER_MODULES = 2;

  private VoucherQr() {}

  /** The text a phone camera reads as "join this open Wi-Fi" (the WIFI: scheme). */
  static String wifiJoin(String ssid) {
    return "WIFI:T:nopass;S:" + ssid.replaceAll("([\\\\;,:\"])", "\\\\$1") + ";;";
  }

  /**
   * {@code text} as an SVG QR code {@code sizeMillimetres} wide. Only numbers and fixed markup go
   * into the SVG, so it may be put into a page unescaped.
   */
  static String svg(String text, int sizeMillimetres) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int side = qr.size + 2 * BORDER_MODULES;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M')
              .append(x + BORDER_MODULES)
              .append(',')
              .append(y + BORDER_MODULES)
              .append("h1v1h-1z");
        }
      }
    }
    return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\""
        + sizeMillimetres
        + "mm\" height=\""
        + sizeMillimetres
        + "mm\" viewBox=\"0 0 "
        + side
        + " "
        + side
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
