package org.smartkampung.core.village;

/**
 * A public-service link on a village's landing page (Kartu Keluarga, KTP-el, SKCK...).
 *
 * @param name label shown to villagers
 * @param url absolute http or https address
 * @param description one line on what the villager can do there; may be empty
 */
public record ServiceLink(String name, String url, String description) {
  public ServiceLink {
    description = description == null ? "" : description;
  }
}
