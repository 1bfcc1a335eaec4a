package org.wenming.ledger.transparency;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One city's tiles, read from the database as needed and kept for the duration of one call; the subtree hashes of
 * the tree ({@link Merkle.Subtrees}) and, while integrating, the tiles being written.
 *
 * <p>A perfect subtree of height {@code 8L + r} is the fold of {@code 2^r} consecutive hashes of one level-L tile (at
 * most 128 hashes, 127 node hashes); any other range of RFC 9162's recursion splits into perfect ones.
 */
final class Tiles implements Merkle.Subtrees {

	static final int WIDTH = 256;

	static final int HASH = TreeHash.SIZE;

	private final JdbcClient jdbc;

	private final TreeHash h;

	private final String city;

	private final Map<Long, Tile> cache = new HashMap<>();

	Tiles(JdbcClient jdbc, TreeHash h, String city) {
		this.jdbc = jdbc;
		this.h = h;
		this.city = city;
	}

	/** A tile: its hashes so far, and at level 0 its leaves' seqs. */
	static final class Tile {

		final int level;

		final long idx;

		byte[] hashes;

		int count;

		long[] seqs;

		boolean dirty;

		Tile(int level, long idx, byte[] hashes, long[] seqs) {
			this.level = level;
			this.idx = idx;
			this.count = hashes.length / HASH;
			this.hashes = Arrays.copyOf(hashes, WIDTH * HASH);
			this.seqs = level == 0 ? Arrays.copyOf(seqs == null ? new long[0] : seqs, WIDTH) : null;
		}

		byte[] hash(int position) {
			return Arrays.copyOfRange(hashes, position * HASH, (position + 1) * HASH);
		}

		byte[] storedHashes() {
			return Arrays.copyOf(hashes, count * HASH);
		}
	}

	private static long key(int level, long idx) {
		return ((long) level << 56) | idx;
	}

	/** The tile, from the cache or the database; an empty one when there is none yet. */
	Tile tile(int level, long idx) {
		return cache.computeIfAbsent(key(level, idx), k -> jdbc.sql("""
				select hashes, seqs from ledger_tree_tile where city_code = :city and level = :level and idx = :idx""")
			.param("city", city)
			.param("level", level)
			.param("idx", idx)
			.query((rs, n) -> new Tile(level, idx, rs.getBytes(1), level == 0 ? decodeSeqs(rs.getBytes(2)) : null))
			.optional()
			.orElseGet(() -> new Tile(level, idx, new byte[0], new long[0])));
	}

	/**
	 * Appends a node of height {@code 8 * level} (a leaf at level 0, with its seq) as node {@code index} of its level;
	 * completes the tiles above when this one fills up.
	 */
	void append(long index, byte[] leafHash, long seq) {
		put(0, index, leafHash, seq);
		long complete = index + 1;
		int level = 0;
		while (complete % WIDTH == 0) {
			Tile full = tile(level, complete / WIDTH - 1);
			byte[] root = fold(full.hashes, 0, WIDTH);
			put(level + 1, complete / WIDTH - 1, root, 0);
			complete /= WIDTH;
			level++;
		}
	}

	private void put(int level, long index, byte[] hash, long seq) {
		Tile tile = index % WIDTH == 0 ? cache.computeIfAbsent(key(level, index / WIDTH),
				k -> new Tile(level, index / WIDTH, new byte[0], new long[0])) : tile(level, index / WIDTH);
		int position = (int) (index % WIDTH);
		if (tile.count != position) {
			throw new IllegalStateException("tree of city " + city + ": level " + level + " tile " + tile.idx + " has "
					+ tile.count + " hashes, node " + index + " would be at " + position);
		}
		System.arraycopy(hash, 0, tile.hashes, position * HASH, HASH);
		if (level == 0) {
			tile.seqs[position] = seq;
		}
		tile.count++;
		tile.dirty = true;
	}

	/** Writes the tiles changed since they were read. */
	void flush() {
		for (Tile tile : cache.values()) {
			if (!tile.dirty) {
				continue;
			}
			jdbc.sql("""
					insert into ledger_tree_tile (city_code, level, idx, hashes, first_seq, seqs)
					values (:city, :level, :idx, :hashes, :first, :seqs)
					on conflict (city_code, level, idx) do update set hashes = excluded.hashes, seqs = excluded.seqs""")
				.param("city", city)
				.param("level", tile.level)
				.param("idx", tile.idx)
				.param("hashes", tile.storedHashes())
				.param("first", tile.level == 0 ? tile.seqs[0] : null)
				.param("seqs", tile.level == 0 ? encodeSeqs(tile.seqs, tile.count) : null)
				.update();
			tile.dirty = false;
		}
	}

	@Override
	public byte[] hash(long start, long end) {
		long n = end - start;
		if (Long.bitCount(n) == 1 && start % n == 0) {
			return perfect(Long.numberOfTrailingZeros(n), start / n);
		}
		long k = Merkle.largestPowerOfTwoBelow(n);
		return Merkle.nodeHash(h, hash(start, start + k), hash(start + k, end));
	}

	/** The hash of the complete subtree of height {@code height} numbered {@code index} on its level. */
	byte[] perfect(int height, long index) {
		int level = height / 8;
		int r = height % 8;
		long first = index << r;
		Tile tile = tile(level, first / WIDTH);
		int position = (int) (first % WIDTH);
		if (position + (1 << r) > tile.count) {
			throw new IllegalStateException("tree of city " + city + ": level " + level + " tile " + tile.idx
					+ " lacks nodes " + position + ".." + (position + (1 << r) - 1) + " (has " + tile.count + ")");
		}
		return fold(tile.hashes, position, 1 << r);
	}

	/** The root of the perfect tree over {@code count} (a power of two) consecutive hashes. */
	private byte[] fold(byte[] hashes, int position, int count) {
		byte[][] level = new byte[count][];
		for (int i = 0; i < count; i++) {
			level[i] = Arrays.copyOfRange(hashes, (position + i) * HASH, (position + i + 1) * HASH);
		}
		for (int width = count; width > 1; width /= 2) {
			for (int i = 0; i < width / 2; i++) {
				level[i] = Merkle.nodeHash(h, level[2 * i], level[2 * i + 1]);
			}
		}
		return level[0];
	}

	/** The leaf index of {@code seq} in this city's tree, or -1. */
	long leafIndex(long seq) {
		return jdbc.sql("""
				select idx, seqs from ledger_tree_tile where city_code = :city and level = 0 and first_seq <= :seq
				order by first_seq desc limit 1""")
			.param("city", city)
			.param("seq", seq)
			.query((rs, n) -> {
				long[] seqs = decodeSeqs(rs.getBytes(2));
				int position = Arrays.binarySearch(seqs, seq);
				return position < 0 ? -1L : rs.getLong(1) * WIDTH + position;
			})
			.optional()
			.orElse(-1L);
	}

	static byte[] encodeSeqs(long[] seqs, int count) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(count * 2);
		long previous = 0;
		for (int i = 0; i < count; i++) {
			long value = seqs[i] - previous;
			previous = seqs[i];
			while ((value & ~0x7FL) != 0) {
				out.write((int) ((value & 0x7F) | 0x80));
				value >>>= 7;
			}
			out.write((int) value);
		}
		return out.toByteArray();
	}

	static long[] decodeSeqs(byte[] bytes) {
		long[] seqs = new long[WIDTH];
		int count = 0;
		long previous = 0;
		int i = 0;
		while (i < bytes.length) {
			long value = 0;
			int shift = 0;
			int b;
			do {
				b = bytes[i++] & 0xFF;
				value |= (long) (b & 0x7F) << shift;
				shift += 7;
			}
			while ((b & 0x80) != 0);
			previous += value;
			seqs[count++] = previous;
		}
		return Arrays.copyOf(seqs, count);
	}

	/** For tests: the leaf hashes of the first {@code size} leaves, from the level-0 tiles. */
	List<byte[]> leafHashes(long size) {
		List<byte[]> leaves = new java.util.ArrayList<>();
		for (long i = 0; i < size; i++) {
			leaves.add(tile(0, i / WIDTH).hash((int) (i % WIDTH)));
		}
		return leaves;
	}
}
