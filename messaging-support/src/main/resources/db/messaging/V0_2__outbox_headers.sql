-- Extra Kafka headers an event carries besides its CloudEvents attributes (e.g. dead-letter-reason), as JSON.
alter table outbox_event add column headers text;
