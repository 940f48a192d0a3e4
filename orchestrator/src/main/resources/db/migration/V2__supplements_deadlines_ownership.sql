-- Kafka partition (of tongban.matters) the matter arrived on: the instance owning that partition watches
-- its deadlines, so deadline tracking scales out with the consumer group and needs no leader.
alter table matter_instance add column partition integer not null default 0;

-- Why a task was refused or why its delivery failed (joint opinions combine these).
alter table task_instance add column reason text;
-- 超时督办: how many escalation levels were raised, and when the next one is reached (null: none pending).
alter table task_instance add column overdue_level integer not null default 0;
alter table task_instance add column next_escalation_at timestamptz;
-- Since when the task waits for the applicant (supplement, may-follow-later material).
alter table task_instance add column paused_at timestamptz;

drop index task_instance_open_deadlines;
create index task_instance_next_escalation on task_instance (next_escalation_at) where next_escalation_at is not null;
create index matter_instance_partition_open on matter_instance (partition) where state = 'IN_PROGRESS';
