/**
 * A workspace's visitors fall into a fixed number of buckets by a hash of their key. A
 * bucket is the unit that ingest transactions lock (one advisory lock per bucket instead of
 * one per visitor: a batch of a thousand visitors takes at most this many locks) and that
 * the collection API's lanes are cut along.
 */
export const visitorBucketCount = 64;

/** FNV-1a of the key, reduced to a bucket: cheap, stable across processes and releases. */
export function visitorBucket(visitorKey: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < visitorKey.length; i++) {
    hash ^= visitorKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % visitorBucketCount;
}
