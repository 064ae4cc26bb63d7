export interface Config {
  writeKey: string;
  /** Origin (and optional path prefix) of the Tandem server, without a trailing slash. */
  host: string;
  consentRequired: boolean;
  respectDoNotTrack: boolean;
}

type ScriptTag = Pick<HTMLScriptElement, 'src' | 'getAttribute'>;

/** The settings on the tracker's own script tag; undefined without a write key. */
export function readConfig(script: ScriptTag): Config | undefined {
  const writeKey = script.getAttribute('data-write-key');
  if (!writeKey) return undefined;
  return {
    writeKey,
    host: readHost(script),
    consentRequired: script.getAttribute('data-consent') === 'required',
    respectDoNotTrack: script.getAttribute('data-respect-dnt') === 'true',
  };
}

/** Where the Tandem server is: data-host, or the origin of the script's src. */
export function readHost(script: ScriptTag): string {
  return (script.getAttribute('data-host') || new URL(script.src).origin).replace(/\/+$/, '');
}

/** currentScript is null only if something else runs the file, e.g. a tag manager's eval. */
export function findScriptTag(): ScriptTag | null {
  return (document.currentScript as HTMLScriptElement | null) || document.querySelector<HTMLScriptElement>('script[data-write-key]');
}
