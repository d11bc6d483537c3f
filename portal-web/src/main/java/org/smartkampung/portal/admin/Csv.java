package org.smartkampung.portal.admin;

/** RFC 4180 lines; cells that a spreadsheet would run as a formula are prefixed with a quote. */
final class Csv {

  private Csv() {}

  static String row(String... cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells[i] == null ? "" : cells[i];
      if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+")) {
        c = "'" + c;
      }
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        c = "\"" + c.replace("\"", "\"\"") + "\"";
      }
      sb.append(c);
    }
    return sb.append("\r\n").toString();
  }
}
