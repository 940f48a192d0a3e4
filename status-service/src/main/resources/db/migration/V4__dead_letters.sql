-- Every record a consumer of the platform gave up on (any <topic>.dlq.<consumer> topic), with the reason.
create table dead_letter (
    topic          text        not null,
    kafka_partition integer    not null,
    kafka_offset   bigint      not null,
    record_key     text,
    event_type     text,
    reason         text,
    original_topic text,
    recorded_at    timestamptz not null,
    primary key (topic, kafka_partition, kafka_offset)
);
create index dead_letter_recent on dead_letter (topic, recorded_at desc);
create index task_progress_department on task_progress (department, state);
