package org.wenming.volunteer.transfer;

/**
 * An open-addressing map from long keys to int values, about 12–24 bytes an entry: the import keeps
 * the first 8 bytes of each row's ID-number hash with its row number (to name the earlier row of
 * a duplicate), and each generated volunteer number, without an object per row.
 */
final class LongIntMap {

	private static final long EMPTY = 0;

	private long[] keys;

	private int[] values;

	private int size;

	private boolean hasZero;

	private int zeroValue;

	LongIntMap(int expected) {
		int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
		keys = new long[capacity];
		values = new int[capacity];
	}

	/** Stores the value unless the key is present; returns the present value, or -1 if it was absent. */
	int putIfAbsent(long key, int value) {
		if (key == EMPTY) {
			if (hasZero) {
				return zeroValue;
			}
			hasZero = true;
			zeroValue = value;
			return -1;
		}
		int mask = keys.length - 1;
		int i = mix(key) & mask;
		while (keys[i] != EMPTY) {
			if (keys[i] == key) {
				return values[i];
			}
			i = (i + 1) & mask;
		}
		keys[i] = key;
		values[i] = value;
		if (++size * 2 > keys.length) {
			grow();
		}
		return -1;
	}

	boolean contains(long key) {
		if (key == EMPTY) {
			return hasZero;
		}
		int mask = keys.length - 1;
		int i = mix(key) & mask;
		while (keys[i] != EMPTY) {
			if (keys[i] == key) {
				return true;
			}
			i = (i + 1) & mask;
		}
		return false;
	}

	private void grow() {
		long[] oldKeys = keys;
		int[] oldValues = values;
		keys = new long[oldKeys.length * 2];
		values = new int[oldKeys.length * 2];
		size = 0;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != EMPTY) {
				putIfAbsent(oldKeys[i], oldValues[i]);
			}
		}
	}

	private static int mix(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

	@Override
	public String toString() {
		return "LongIntMap[size=" + size + ", capacity=" + keys.length + "]";
	}
}
