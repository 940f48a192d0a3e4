-- 容缺受理: the materials the applicant promised to hand in later, each with the deadline of the promise
-- (JSON object name -> instant), and the earliest deadline of one not handed in yet (null: none pending), which
-- the deadline scan of the partition's owner watches: a broken promise ends the matter.
alter table matter_instance add column promised_materials text;
alter table matter_instance add column promise_due_at timestamptz;
create index matter_instance_promise_due on matter_instance (promise_due_at) where promise_due_at is not null;
