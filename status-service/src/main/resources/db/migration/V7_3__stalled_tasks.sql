-- A task its department took but never answered through every re-delivery (TaskStalled): the applicant sees whom
-- they wait for and since when, ops list such tasks by department, and tongban_tasks_stalled counts them.
-- Cleared by the task's next decision (completed, rejected, cancelled, supplement requested, ...).
alter table task_progress add column stalled_since timestamptz;
alter table task_progress add column stalled_at timestamptz;
alter table task_progress add column stalled_deliveries integer;
create index task_progress_stalled on task_progress (department) where stalled_since is not null;
