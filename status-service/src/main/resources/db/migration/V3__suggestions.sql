-- 免申即享: the form values a suggestion rule will pre-fill, kept from the submission (only those, never the whole form).
create table matter_prefill (
    matter_id uuid not null,
    source    text not null,
    value     text not null,
    primary key (matter_id, source)
);

-- Matters suggested to an applicant: by a catalogue rule or by what applicants with the same history did next.
create table suggestion (
    id               uuid        primary key,
    applicant_id     text        not null,
    matter_type      text        not null,
    source_matter_id uuid        not null,
    basis            text        not null,
    title_zh         text,
    title_en         text,
    reason_zh        text        not null,
    reason_en        text        not null,
    prefill          text        not null,
    available_from   timestamptz not null,
    created_at       timestamptz not null,
    pushed_at        timestamptz,
    unique (applicant_id, matter_type, source_matter_id)
);
create index suggestion_applicant on suggestion (applicant_id, available_from desc);

create table suggestion_setting (
    applicant_id text    primary key,
    enabled      boolean not null
);
