package org.smartkampung.core.admin;

/** What an admin may administer. */
public enum AdminRole {
  /** Operator at the kabupaten (Diskominfo): every village, the admins, the audit log. */
  KABUPATEN,
  /** Operator of one desa: its quotas, vouchers, subscribers, sessions and landing page. */
  DESA
}
