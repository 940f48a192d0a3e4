-- The progress view: a projection of tongban.matters and tongban.workflow, rebuildable from them.
create table matter_progress (
    matter_id          uuid primary key,
    matter_type        text        not null,
    definition_version integer,
    applicant_id       text        not null,
    title_zh           text,
    title_en           text,
    state              text        not null,
    last_sequence      bigint      not null default 0,
    submitted_at       timestamptz,
    accepted_at        timestamptz,
    finished_at        timestamptz,
    outcome_reason     text,
    updated_at         timestamptz not null
);
create index matter_progress_applicant on matter_progress (applicant_id, submitted_at desc);

create table task_progress (
    matter_id             uuid    not null references matter_progress (matter_id),
    task_key              text    not null,
    task_id               text,
    department            text    not null,
    title_zh              text,
    title_en              text,
    depends_on            text    not null,
    deadline_working_days integer not null,
    state                 text    not null,
    dispatched_at         timestamptz,
    finished_at           timestamptz,
    due_at                timestamptz,
    outputs               text,
    reason                text,
    input_names           text,
    primary key (matter_id, task_key)
);

create table timeline_entry (
    matter_id   uuid        not null,
    sequence    bigint      not null,
    event_type  text        not null,
    occurred_at timestamptz not null,
    summary     text        not null,
    primary key (matter_id, sequence)
);

-- Workflow events that arrived ahead of a missing one: kept, reported, applied once the gap closes.
create table held_event (
    matter_id  uuid        not null,
    sequence   bigint      not null,
    event_type text        not null,
    payload    text        not null,
    held_at    timestamptz not null,
    primary key (matter_id, sequence)
);
