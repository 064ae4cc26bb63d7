/** Queues the calls a page makes before t.js has loaded; t.js replays them in order (see tracker/README.md). */
const QUEUE_STUB =
  '<script>window.tandem=window.tandem||[];["track","identify","page","group","alias","reset","consent"].forEach(function(m){tandem[m]=tandem[m]||function(){tandem.push([m].concat([].slice.call(arguments)))}});</script>';

interface SnippetOptions {
  scriptUrl: string;
  writeKey: string;
  requireConsent: boolean;
  respectDoNotTrack: boolean;
}

/** The two script tags a website pastes before `</head>`. */
export function trackingSnippet({ scriptUrl, writeKey, requireConsent, respectDoNotTrack }: SnippetOptions): string {
  const attributes = [
    `async src="${scriptUrl}"`,
    `data-write-key="${writeKey}"`,
    requireConsent && 'data-consent="required"',
    respectDoNotTrack && 'data-respect-dnt="true"',
  ].filter(Boolean);
  return `${QUEUE_STUB}\n<script ${attributes.join(' ')}></script>`;
}
