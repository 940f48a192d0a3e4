-- Matters as the applicant submitted them. The form is kept as given (JSON text); intake owns it.
create table submitted_matter (
    id                 uuid primary key,
    matter_type        text        not null,
    definition_version integer     not null,
    applicant_id       text        not null,
    form               text        not null,
    state              text        not null,
    idempotency_key    text,
    request_hash       text        not null,
    submitted_at       timestamptz not null
);

-- Same applicant + same Idempotency-Key = the same matter.
create unique index submitted_matter_idempotency on submitted_matter (applicant_id, idempotency_key)
    where idempotency_key is not null;
create index submitted_matter_applicant on submitted_matter (applicant_id, submitted_at desc);
