-- What a task waits for besides its dependencies (supplement items, promised materials), and its overdue level.
alter table task_progress add column waiting_for text;
alter table task_progress add column overdue_level text;

-- 好差评: the applicant's grade for a finished matter (from tongban.matters).
create table matter_rating (
    matter_id uuid        primary key,
    grade     integer     not null,
    rated_at  timestamptz not null
);

-- Who saw my data: every dispatch of a task, with the names (never values) of the data it carried.
create table data_disclosure (
    matter_id   uuid        not null,
    sequence    bigint      not null,
    task_key    text        not null,
    task_id     text        not null,
    department  text        not null,
    input_names text        not null,
    sent_at     timestamptz not null,
    primary key (matter_id, sequence)
);
