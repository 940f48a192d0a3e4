-- Fan-out stays linear: a completion touches only the task, its dependents and their counters, never every
-- task of the matter. open_tasks: tasks not yet done for their dependents; the matter completes at zero.
alter table matter_instance add column open_tasks integer;
update matter_instance m set open_tasks = (select count(*) from task_instance t
    where t.matter_id = m.id and t.state not in ('COMPLETED', 'SKIPPED', 'COMMITTED'));
alter table matter_instance alter column open_tasks set not null;

-- How many dependencies still hold the task back. Null for tasks planned before this migration: the
-- orchestrator then loads the whole matter and counts them from the definition.
alter table task_instance add column pending_dependencies integer;
