import type { AppContext } from '../../platform/context.js';
import { resolveApiKey } from '../accounts/index.js';
import type { IngestSource } from './ingest.js';

const keyCacheMs = 30_000;

/**
 * Resolves a public write key to its workspace, remembered for 30 s: the collection API and
 * personalisation answer every request of every visitor, and a key is a hash look-up.
 */
export function writeKeyResolver(ctx: Pick<AppContext, 'db' | 'clock'>) {
  const keys = new Map<string, { at: number; source: Promise<IngestSource | null> }>();
  return (writeKey: string): Promise<IngestSource | null> => {
    const hit = keys.get(writeKey);
    if (hit && Date.now() - hit.at < keyCacheMs) return hit.source;
    const resolved = resolveApiKey(ctx.db, ctx.clock, writeKey, 'write').then((access) => access && {
      workspaceId: access.workspaceId, actor: { ...access.actor, label: `${access.actor.label} (tracking)` },
    });
    keys.set(writeKey, { at: Date.now(), source: resolved });
    // A failed look-up (the database briefly away) is not remembered.
    resolved.catch(() => keys.delete(writeKey));
    if (keys.size > 10_000) keys.delete(keys.keys().next().value!);
    return resolved;
  };
}
