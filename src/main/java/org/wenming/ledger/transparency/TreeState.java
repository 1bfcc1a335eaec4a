package org.wenming.ledger.transparency;

/** A city's tree: its number of leaves and its root (the empty root when it has none). */
public record TreeState(String cityCode, long size, byte[] root) {
}
