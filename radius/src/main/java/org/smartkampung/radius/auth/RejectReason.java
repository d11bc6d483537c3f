package org.smartkampung.radius.auth;

/**
 * Why an Access-Request was refused; each has the Reply-Message villagers read, in Bahasa
 * Indonesia.
 */
public enum RejectReason {
  BAD_CREDENTIALS("Nama pengguna atau kata sandi salah."),
  VOUCHER_USED("Voucher sudah terpakai."),
  VOUCHER_EXPIRED("Voucher sudah kedaluwarsa."),
  VOUCHER_SPENT("Kuota voucher sudah habis."),
  USER_QUOTA_SPENT("Kuota harian Anda sudah habis. Silakan coba lagi besok."),
  VILLAGE_QUOTA_SPENT("Kuota internet desa sudah habis. Silakan coba lagi nanti."),
  OUTSIDE_OPENING_HOURS("Layanan internet desa sedang tutup. Jam buka: %s."),
  TOO_MANY_DEVICES("Terlalu banyak perangkat sedang memakai akun ini."),
  DEVICE_BLOCKED("Perangkat ini diblokir oleh admin desa. Hubungi kantor desa."),
  SERVICE_UNAVAILABLE("Layanan sedang gangguan, coba lagi sebentar lagi."),
  TOO_MANY_FAILURES(
      "Terlalu banyak percobaan masuk dengan kata sandi salah. Silakan coba lagi dalam %s menit.");

  private final String message;

  RejectReason(String message) {
    this.message = message;
  }

  /** The Reply-Message text; {@code detail} fills a placeholder where the text has one. */
  public String message(String detail) {
    return message.contains("%s") ? String.format(message, detail) : message;
  }
}
