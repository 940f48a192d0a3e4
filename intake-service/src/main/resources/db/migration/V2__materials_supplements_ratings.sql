-- The uploaded materials: stored here (bytea), never in events; events carry a reference and the SHA-256.
create table matter_material (
    matter_id    uuid        not null references submitted_matter (id),
    name         text        not null,
    file_name    text,
    content_type text        not null,
    size         bigint      not null,
    sha256       text        not null,
    content      bytea       not null,
    uploaded_at  timestamptz not null,
    primary key (matter_id, name)
);

-- What the orchestrator asked the applicant for (补正, or a material that may follow later) and is still open.
-- Learnt from tongban.workflow; an item is removed when the applicant supplies it.
create table requested_supplement (
    matter_id    uuid        not null,
    kind         text        not null,
    name         text        not null,
    reason       text,
    requested_at timestamptz not null,
    primary key (matter_id, kind, name)
);

-- 好差评: one rating per matter.
create table matter_rating (
    matter_id uuid primary key references submitted_matter (id),
    grade     integer     not null check (grade between 1 and 5),
    comment   text,
    rated_at  timestamptz not null
);

alter table submitted_matter add column finished_at timestamptz;
