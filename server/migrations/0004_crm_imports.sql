-- CSV imports: the uploaded file (in chunks, so any API process can take the upload and any
-- worker can process it), the run's progress, and every rejected row with its line and reason.

create type import_status as enum ('uploaded', 'queued', 'running', 'done', 'failed');
create type duplicate_policy as enum ('update', 'skip');

create table imports (
  workspace_id    uuid not null references workspaces (id) on delete cascade,
  id              uuid not null default gen_random_uuid(),
  object_type     crm_object not null,
  file_name       text not null,
  status          import_status not null default 'uploaded',
  headers         text[] not null,
  delimiter       text not null default ',' check (delimiter in (',', ';', E'\t')),
  mapping         jsonb,
  on_duplicate    duplicate_policy not null default 'update',
  bytes           bigint not null,
  -- Counted in the same transaction as each batch, so a resumed run skips exactly these.
  -- How far into the file the committed batches reach, for a progress bar: bytes / bytes_processed.
  bytes_processed bigint not null default 0,
  rows_processed  integer not null default 0,
  rows_created    integer not null default 0,
  rows_updated    integer not null default 0,
  rows_skipped    integer not null default 0,
  rows_rejected   integer not null default 0,
  error           text,
  created_by      uuid references users (id) on delete set null,
  created_at      timestamptz not null,
  started_at      timestamptz,
  finished_at     timestamptz,
  primary key (workspace_id, id)
);
create index imports_recent on imports (workspace_id, created_at desc);

create table import_chunks (
  workspace_id  uuid not null,
  import_id     uuid not null,
  seq           integer not null,
  data          bytea not null,
  primary key (workspace_id, import_id, seq),
  foreign key (workspace_id, import_id) references imports (workspace_id, id) on delete cascade
);

create table import_rejections (
  workspace_id  uuid not null,
  import_id     uuid not null,
  line          integer not null,
  field         text,
  reason        text not null,
  raw           jsonb not null,
  primary key (workspace_id, import_id, line),
  foreign key (workspace_id, import_id) references imports (workspace_id, id) on delete cascade
);

-- Data quality: per workspace and object, the standard fields a record must have (custom
-- fields carry their own `required`) and the fields that count towards completeness.
create table record_rules (
  workspace_id        uuid not null references workspaces (id) on delete cascade,
  object_type         crm_object not null,
  required_fields     text[] not null default '{}',
  completeness_fields text[] not null,
  updated_at          timestamptz not null,
  primary key (workspace_id, object_type)
);

-- The words people are searched by (names of contacts and companies), for correcting typos:
-- a misspelt word is replaced by its nearest known word (trigram KNN over this small table)
-- before the records are searched, as pg_trgm's documentation suggests. Kept by statement-level
-- triggers, so a bulk import adds its words in one set-based insert.
create table search_words (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  word          text not null,
  primary key (workspace_id, word)
);
create index search_words_trgm on search_words using gist (workspace_id, word gist_trgm_ops);

create function remember_contact_words() returns trigger language plpgsql as $$
begin
  insert into search_words (workspace_id, word)
  select distinct workspace_id, word
    from changed, regexp_split_to_table(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '[^[:alnum:]]+') as word
   where length(word) >= 3
  on conflict do nothing;
  return null;
end $$;

create function remember_company_words() returns trigger language plpgsql as $$
begin
  insert into search_words (workspace_id, word)
  select distinct workspace_id, word
    from changed, regexp_split_to_table(lower(name), '[^[:alnum:]]+') as word
   where length(word) >= 3
  on conflict do nothing;
  return null;
end $$;

create trigger contacts_words_insert after insert on contacts referencing new table as changed
  for each statement execute function remember_contact_words();
create trigger contacts_words_update after update on contacts referencing new table as changed
  for each statement execute function remember_contact_words();
create trigger companies_words_insert after insert on companies referencing new table as changed
  for each statement execute function remember_company_words();
create trigger companies_words_update after update on companies referencing new table as changed
  for each statement execute function remember_company_words();
