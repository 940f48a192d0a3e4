-- One row per department task: its delivery to the department's system, and the department's answer.
create table delivery (
    task_id         text primary key,
    matter_id       uuid        not null,
    department      text        not null,
    payload         text        not null,
    state           text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    claimed_at      timestamptz,
    outcome         text,
    answered_at     timestamptz
);
create index delivery_due on delivery (next_attempt_at) where state = 'PENDING';
create index delivery_department_state on delivery (department, state);
