-- The ledger as a transparency log (issue 20): one Merkle tree (RFC 9162 §2.1) per city over its service
-- records in seq order, stored as tiles of height 8 (like C2SP tlog-tiles). See docs/notes/transparency.md.

-- Integration's cursor and the installation's suite, one row: integration locks it (`for update`), so several
-- nodes integrate one after the other and every record enters its tree exactly once.
create table ledger_tree_cursor (
    id        boolean      primary key default true check (id),
    last_seq  bigint       not null,                      -- every record up to here is a leaf of its city's tree
    suite     varchar(16)  check (suite in ('ED25519_SHA256', 'SM2_SM3'))  -- set at the first integration, then fixed
);
insert into ledger_tree_cursor (last_seq, suite) values (0, null);

-- A city's tree (city = the 4-digit code, the second segment of the records' region_path).
create table ledger_tree (
    city_code   varchar(4)   primary key,
    size        bigint       not null check (size > 0),
    root        bytea        not null,
    updated_at  timestamptz  not null
);

-- Tiles: level-L tile k holds the hashes (32 bytes each, concatenated) of the complete subtrees of 256^L leaves
-- numbered 256k .. 256k+255, as many as are complete (the rightmost tile of a level is partial and rewritten as
-- the tree grows). Level 0 holds the leaf hashes and the leaves' seqs (first_seq, then seqs: unsigned LEB128
-- varints, the first leaf's seq and then each leaf's difference to the previous one).
create table ledger_tree_tile (
    city_code  varchar(4)  not null,
    level      smallint    not null check (level between 0 and 7),
    idx        bigint      not null check (idx >= 0),
    hashes     bytea       not null,
    first_seq  bigint,
    seqs       bytea,
    primary key (city_code, level, idx),
    check ((level = 0) = (first_seq is not null and seqs is not null))
);
-- seq -> its leaf: the level-0 tile with the greatest first_seq not above it
create index ledger_tree_tile_seq_idx on ledger_tree_tile (city_code, first_seq) where level = 0;
-- random hashes do not compress: store them out of line without trying
alter table ledger_tree_tile alter column hashes set storage external;
