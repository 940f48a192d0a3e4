-- The ops figures must not scan every finished matter: with a million matters in the view, the running
-- tasks (overdue list, open counts) and a time window of finished ones are each a small index range.
-- Partial indexes: only the rows those queries look at are indexed.
create index task_progress_running_due on task_progress (due_at)
    where state in ('DISPATCHED', 'WAITING_FOR_SUPPLEMENT', 'AWAITING_MATERIAL', 'DELIVERY_FAILED');
create index task_progress_finished on task_progress (finished_at) where state in ('COMPLETED', 'REJECTED');
create index matter_progress_completed on matter_progress (finished_at) where state = 'COMPLETED';
