#!/usr/bin/env -S node --max-semi-space-size=32
import { parseArgs } from 'node:util';
import pino from 'pino';
import { addMember, createApiKey, createUser, createWorkspace, getWorkspace } from './modules/accounts/index.js';
import { seedDemoWorkspace } from './modules/demo/index.js';
import { systemClock } from './platform/clock.js';
import { type Config, loadConfig } from './platform/config.js';
import { openDatabase, type OpenDatabase } from './platform/db/open.js';
import { roles, type Role } from './platform/http/access.js';
import { loggerOptions } from './platform/logger.js';
import { run } from './platform/runtime.js';

const usage = `Usage: tandem <command>

  start                                   API + workers + web app in one process (default)
  api                                     the HTTP API and web app only
  worker                                  background workers only
  migrate                                 apply database migrations and exit
  workspace create <name> [--json]        create a workspace with a write key and a secret key
  user create --email E --password P [--name N] [--role R --workspace ID]
                                          create a user (and add them to a workspace with a role)
  key create --workspace ID --kind secret|write [--name N] [--role R] [--json]
                                          create an API key
  demo [--workspace ID]                   fill a workspace (by default a new "Demo workspace") with sample CRM data

Configuration is read from the environment: see docs/configuration.md.`;

const cliActor = { type: 'cli' as const, label: 'tandem CLI' };

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      workspace: { type: 'string' },
      kind: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command = 'start', subcommand, ...rest] = positionals;
  if (values.help || command === 'help') {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();

  switch (command) {
    case 'start': await run(config, { api: true, worker: true }); return -1;
    case 'api': await run(config, { api: true, worker: false }); return -1;
    case 'worker': await run(config, { api: false, worker: true }); return -1;
    case 'migrate': return withDatabase(config, async () => { console.error('migrations are up to date'); });
    case 'workspace':
      requireSub(subcommand, 'create');
      return withDatabase(config, async ({ db }) => {
        const name = rest.join(' ') || fail('workspace create needs a name');
        const result = await db.transaction().execute(async (trx) => {
          const workspace = await createWorkspace(trx, name);
          const write = await createApiKey(trx, systemClock, { workspaceId: workspace.id, kind: 'write', name: 'Website', actor: cliActor });
          const secret = await createApiKey(trx, systemClock, { workspaceId: workspace.id, kind: 'secret', name: 'CLI', actor: cliActor });
          return { workspaceId: workspace.id, name: workspace.name, writeKey: write.key, secretKey: secret.key };
        });
        print(values.json, result, `Workspace ${result.name} (${result.workspaceId})\nwrite key:  ${result.writeKey}\nsecret key: ${result.secretKey} (shown once)`);
      });
    case 'user':
      requireSub(subcommand, 'create');
      return withDatabase(config, async ({ db }) => {
        const email = values.email ?? fail('user create needs --email');
        const password = values.password ?? fail('user create needs --password');
        const role = values.role === undefined ? undefined : parseRole(values.role);
        if (role && !values.workspace) fail('--role needs --workspace');
        const user = await db.transaction().execute(async (trx) => {
          const created = await createUser(trx, { email, password, name: values.name });
          if (values.workspace) {
            await getWorkspace(trx, values.workspace);
            await addMember(trx, systemClock, { workspaceId: values.workspace, userId: created.id, role: role ?? 'viewer', actor: cliActor });
          }
          return created;
        });
        print(values.json, { userId: user.id, email: user.email, workspaceId: values.workspace ?? null, role: role ?? null },
          `User ${user.email} (${user.id})${values.workspace ? ` is ${role ?? 'viewer'} of ${values.workspace}` : ''}`);
      });
    case 'key':
      requireSub(subcommand, 'create');
      return withDatabase(config, async ({ db }) => {
        const workspaceId = values.workspace ?? fail('key create needs --workspace');
        const kind = values.kind === 'secret' || values.kind === 'write' ? values.kind : fail('--kind must be secret or write');
        const key = await db.transaction().execute(async (trx) => {
          await getWorkspace(trx, workspaceId);
          return createApiKey(trx, systemClock, {
            workspaceId, kind, name: values.name ?? (kind === 'secret' ? 'CLI' : 'Website'),
            role: values.role ? parseRole(values.role) : undefined, actor: cliActor,
          });
        });
        print(values.json, { id: key.id, workspaceId, kind: key.kind, role: key.role, key: key.key },
          `${kind} key ${key.id}: ${key.key}${kind === 'secret' ? ' (shown once)' : ''}`);
      });
    case 'demo':
      return withDatabase(config, async ({ db }) => {
        const workspaceId = values.workspace ?? (await createWorkspace(db, 'Demo workspace')).id;
        await getWorkspace(db, workspaceId);
        const logger = pino(loggerOptions('warn'), pino.destination(2));
        const result = await seedDemoWorkspace(db, systemClock, logger, workspaceId);
        print(values.json, { workspaceId, ...result }, `Demo data in workspace ${workspaceId}: ${result.companies} companies, ${result.contacts} contacts, ${result.deals} deals`);
      });
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

async function withDatabase(config: Config, task: (database: OpenDatabase) => Promise<void>): Promise<number> {
  const logger = pino({ ...loggerOptions(process.env.LOG_LEVEL ?? 'warn') }, pino.destination(2));
  const database = await openDatabase(config, logger);
  try {
    await task(database);
    return 0;
  } finally {
    await database.close();
  }
}

function print(json: boolean | undefined, value: object, text: string) {
  console.log(json ? JSON.stringify(value) : text);
}

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value)) fail(`--role must be one of ${roles.join(', ')}`);
  return value as Role;
}

function requireSub(actual: string | undefined, expected: string) {
  if (actual !== expected) fail(`did you mean "${expected}"? See tandem --help`);
}

function fail(message: string): never {
  throw Object.assign(new Error(message), { usage: true });
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exitCode = code; },
  (error: Error & { usage?: boolean; statusCode?: number }) => {
    console.error(`tandem: ${error.message}`);
    process.exitCode = error.usage || error.statusCode ? 2 : 1;
  },
);
