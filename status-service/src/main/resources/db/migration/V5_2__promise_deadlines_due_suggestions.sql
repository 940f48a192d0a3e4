-- 容缺受理: by when the materials a task waits for were promised (the matter ends if they are not in by then).
alter table task_progress add column promised_by timestamptz;

-- Suggestions made for later (afterYears) wait here until they come due; the push scan looks only at these.
create index suggestion_due on suggestion (available_from) where pushed_at is null;
