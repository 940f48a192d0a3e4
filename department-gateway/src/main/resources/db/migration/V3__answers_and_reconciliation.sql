-- The recorded answer (outcome, outputs, reason, items as canonical JSON): a repeated callback is compared with it,
-- so an identical repeat changes nothing and a different one is a conflict naming what was recorded.
alter table delivery add column answer text;
-- Reconciliation: how often the current message (task or supplement) reached the department system, when it last
-- did, and when the task was reported stalled (unanswered through every re-delivery).
alter table delivery add column deliveries integer not null default 0;
alter table delivery add column last_delivered_at timestamptz;
alter table delivery add column waiting_since timestamptz;
alter table delivery add column stalled_at timestamptz;
update delivery set deliveries = 1, last_delivered_at = delivered_at, waiting_since = delivered_at
where delivered_at is not null;
create index delivery_awaiting_answer on delivery (last_delivered_at)
    where state in ('DELIVERED', 'OPEN', 'CLAIMED') and stalled_at is null;
create index delivery_stalled on delivery (stalled_at) where stalled_at is not null;
