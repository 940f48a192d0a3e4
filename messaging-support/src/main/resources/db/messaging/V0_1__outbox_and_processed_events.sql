-- Transactional outbox (ARCHITECTURE §4): state changes and the events they owe commit together.
create table outbox_event (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    source       text        not null,
    subject      text        not null,
    payload      text        not null,
    occurred_at  timestamptz not null
);

-- Idempotent consumption: one row per (consumer, event id), written in the handler's own transaction.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
