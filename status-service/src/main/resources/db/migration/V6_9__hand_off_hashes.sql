-- Who saw my data, backed by the evidence chain: the orchestrator's chain hash of each task hand-off, from the
-- tongban-hand-off-hash header of its TaskDispatched event, so each disclosure can be checked against the chain.
create table hand_off_hash (
    matter_id uuid not null,
    task_id   text not null,
    hash      text not null,
    primary key (matter_id, task_id)
);
