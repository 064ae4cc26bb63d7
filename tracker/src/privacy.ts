declare global {
  // Older names of the signal, still set by some browsers.
  interface Window {
    doNotTrack?: string;
  }
  interface Navigator {
    msDoNotTrack?: string;
  }
}

interface DoNotTrackSignals {
  navigator: { doNotTrack?: string | null; msDoNotTrack?: string };
  window: { doNotTrack?: string };
}

/** Whether the browser sends Do Not Track, under any of the names browsers have used. */
export function doNotTrackEnabled({ navigator, window }: DoNotTrackSignals): boolean {
  const signal = navigator.doNotTrack || window.doNotTrack || navigator.msDoNotTrack;
  return signal === '1' || signal === 'yes';
}
