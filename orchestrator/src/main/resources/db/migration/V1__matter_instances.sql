-- A running matter, pinned to the definition version it started on.
create table matter_instance (
    id                 uuid primary key,
    matter_type        text        not null,
    definition_version integer     not null,
    applicant_id       text        not null,
    state              text        not null,
    form               text        not null,
    materials          text        not null,
    sequence           bigint      not null,
    submitted_at       timestamptz not null,
    accepted_at        timestamptz not null,
    finished_at        timestamptz
);

-- One row per department task of a matter; task_id = '<matter id>:<task key>'.
create table task_instance (
    task_id       text primary key,
    matter_id     uuid        not null references matter_instance (id),
    task_key      text        not null,
    department    text        not null,
    state         text        not null,
    outputs       text        not null,
    dispatched_at timestamptz,
    finished_at   timestamptz,
    due_at        timestamptz
);
create index task_instance_matter on task_instance (matter_id);
create index task_instance_open_deadlines on task_instance (due_at) where state = 'DISPATCHED';
