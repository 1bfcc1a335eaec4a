-- Notifications (issue 17): the outbox. Notifier.send inserts a row in the caller's transaction, so an
-- order and its notice commit or vanish together; a timed job delivers due rows (claimed with
-- `for update skip locked` and leased by moving next_attempt_at ahead, so a node that dies mid-delivery
-- leaves the row PENDING for another node once the lease runs out: at least once, the delivery id lets
-- a gateway drop duplicates). The mobile is sealed like volunteers' numbers (AES-GCM bound to the column
-- name notification_outbox.recipient); last_error never holds it.
create table notification_outbox (
    id                bigint generated always as identity primary key,
    topic             varchar(64)  not null,
    recipient_cipher  bytea        not null,
    recipient_masked  varchar(20)  not null,
    recipient_key_id  varchar(16)  not null,
    template_code     varchar(64)  not null,
    parameters        jsonb        not null default '{}'::jsonb,
    text              varchar(1000) not null,
    created_at        timestamptz  not null,
    status            varchar(8)   not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts          int          not null default 0 check (attempts >= 0),
    next_attempt_at   timestamptz  not null,
    last_error        varchar(500),
    sent_at           timestamptz,
    node              varchar(120),
    check ((status = 'SENT') = (sent_at is not null))
);

-- the delivery job's claim: due PENDING rows, oldest due first
create index notification_outbox_due on notification_outbox (next_attempt_at) where status = 'PENDING';
-- the administrators' page (recent rows, by status) and the retention job (SENT rows by sent_at)
create index notification_outbox_status_created on notification_outbox (status, created_at desc);
create index notification_outbox_created on notification_outbox (created_at desc);
create index notification_outbox_sent on notification_outbox (sent_at) where status = 'SENT';
