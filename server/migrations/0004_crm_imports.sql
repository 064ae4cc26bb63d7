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
