package io.tongban.catalogue;

/** A title in Chinese and English. */
public record LocalizedText(String zh, String en) {
}
