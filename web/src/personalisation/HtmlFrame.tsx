import { Box, Text } from '@mantine/core';
import { useRef, useState } from 'react';

const STYLE = `body{margin:12px 14px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;overflow-wrap:anywhere}
h1,h2,h3,h4{margin:0 0 .4em;line-height:1.25}p{margin:0 0 .6em}img{max-width:100%;height:auto}`;

/** The page a frame shows: the content as the website would get it, in a neutral style. */
const documentOf = (html: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>${STYLE}</style></head><body>${html}</body></html>`;

interface HtmlFrameProps {
  html: string;
  /** The frame's accessible name, e.g. "Preview of the default content". */
  title: string;
  minHeight?: number;
  maxHeight?: number;
}

/**
 * Marketers' HTML, rendered safely: a sandboxed frame in which no script runs, no form is
 * sent and no link leaves (same origin only so that the frame can take the content's height).
 */
export function HtmlFrame({ html, title, minHeight = 56, maxHeight = 360 }: HtmlFrameProps) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(minHeight);
  const measure = () => {
    const body = ref.current?.contentDocument?.documentElement;
    if (body) setHeight(Math.min(maxHeight, Math.max(minHeight, body.scrollHeight)));
  };
  if (!html.trim()) {
    return (
      <Box
        h={minHeight}
        px="sm"
        style={{ display: 'flex', alignItems: 'center', border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)' }}
      >
        <Text fz="xs" c="dimmed">
          Empty: the slot shows nothing.
        </Text>
      </Box>
    );
  }
  return (
    <iframe
      ref={ref}
      title={title}
      sandbox="allow-same-origin"
      srcDoc={documentOf(html)}
      onLoad={measure}
      style={{
        display: 'block',
        width: '100%',
        height,
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-sm)',
        background: 'white',
      }}
    />
  );
}
