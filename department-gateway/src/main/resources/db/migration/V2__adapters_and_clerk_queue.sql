-- What the next HTTP delivery of a task carries: the task itself, a supplement, or a cancellation.
alter table delivery add column kind text not null default 'task';
-- The supplemented inputs (DepartmentTaskSupplemented) or the cancellation, waiting to be delivered.
alter table delivery add column message text;
-- Clerk work queue: who took the task.
alter table delivery add column clerk_id text;
create index delivery_queue on delivery (department, state, created_at) where state in ('OPEN', 'CLAIMED');

-- Callback request ids already accepted, so that a captured callback cannot be replayed; pruned after the window.
create table seen_callback (
    department text        not null,
    request_id text        not null,
    seen_at    timestamptz not null,
    primary key (department, request_id)
);
create index seen_callback_age on seen_callback (seen_at);
