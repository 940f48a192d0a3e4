-- Evidence chain: every task sent to a department and every answer it returned, signed (the platform's key
-- for tasks, the department's for results) and hash-chained per matter (README "Evidence chain").
-- Rows are only ever inserted; (matter_id, seq) makes a fork of a matter's chain impossible.
create table hand_off (
    matter_id    uuid        not null,
    seq          bigint      not null,
    event_id     uuid        not null unique,
    kind         text        not null,   -- task | result
    event_type   text        not null,
    task_id      text        not null,
    department   text        not null,
    content_hash text        not null,   -- SHA-256 of the signed content (canonical JSON)
    payload      text        not null,   -- the event data as sent / received
    signer       text        not null,   -- platform, or the department
    signature    text        not null,   -- base64 Ed25519 over the hand-off statement ('' = unsigned)
    prev_hash    text        not null,
    hash         text        not null,
    recorded_at  timestamptz not null,
    primary key (matter_id, seq)
);
