package org.smartkampung.core.village;

/** Landing-page content per village, durable in the configured store. */
public interface LandingContentStore {

  /** The village's content; empty lists when nothing was saved. */
  LandingContent find(String villageId);

  /** Inserts or replaces the village's content. */
  void put(LandingContent content);
}
