-- Signed tree heads of the ledger's transparency log (issue 20; docs/notes/transparency.md): one row per head
-- signed, per city. The checkpoint is the exact text signed; signature over its UTF-8 bytes. Append-only like
-- service_record (V11): a head once published is never changed or withdrawn.
create table ledger_tree_head (
    city_code  varchar(4)   not null,
    size       bigint       not null check (size >= 0),
    root       bytea        not null check (length(root) = 32),
    signed_at  timestamptz  not null,
    suite      varchar(32)  not null,
    key_id     varchar(16)  not null,
    signature  bytea        not null,
    checkpoint text         not null,
    primary key (city_code, size, signed_at)
);
create index ledger_tree_head_newest_idx on ledger_tree_head (city_code, signed_at desc);
create index ledger_tree_head_time_idx on ledger_tree_head (signed_at desc);

create function ledger_tree_head_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_tree_head is append-only: % refused', tg_op using errcode = 'P0001';
end $$;
create trigger ledger_tree_head_no_update before update or delete on ledger_tree_head
    for each row execute function ledger_tree_head_append_only();
create trigger ledger_tree_head_no_truncate before truncate on ledger_tree_head
    for each statement execute function ledger_tree_head_append_only();
