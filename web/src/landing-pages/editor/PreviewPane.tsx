import { Alert, Box, Center, Group, Loader, Paper, SegmentedControl, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { usePreview } from '../api';
import { previewVariant } from '../format';
import type { PageInput, PreviewInput, Variant } from '../types';

/** Desktop fills the pane; mobile is a phone's width, where the page's own media queries apply. */
const WIDTHS = { desktop: '100%', mobile: 390 } as const;
/** The phone's frame around the page. */
const BEZEL = 8;
type Device = keyof typeof WIDTHS;
const DEVICES: { value: Device; name: string; tip: string; Icon: typeof IconDeviceDesktop }[] = [
  { value: 'desktop', name: 'Desktop', tip: 'Desktop', Icon: IconDeviceDesktop },
  { value: 'mobile', name: 'Mobile', tip: `Phone (${WIDTHS.mobile} px)`, Icon: IconDeviceMobile },
];

export const PREVIEW_DEBOUNCE_MS = 400;

interface PreviewPaneProps {
  page: Pick<PageInput, 'title' | 'name' | 'description' | 'slug'>;
  variant: Variant;
  /** The address shown in the browser bar. */
  address: string;
}

/**
 * The selected variant as a visitor will see it, drawn by the server from the unsaved draft
 * (the same renderer as /p/<slug>), in a sandboxed frame at desktop or phone width.
 */
export function PreviewPane({ page, variant, address }: PreviewPaneProps) {
  const [device, setDevice] = useState<Device>('desktop');
  const input = {
    title: (page.title.trim() || page.name.trim() || 'Untitled page').slice(0, 200),
    description: page.description.slice(0, 500),
    slug: page.slug.trim().slice(0, 100) || undefined,
    variant: previewVariant(variant),
  };
  // Debounced as text: a new object each render would restart the wait for ever.
  const typed = JSON.stringify(input);
  const [debounced] = useDebouncedValue(typed, PREVIEW_DEBOUNCE_MS);
  const preview = usePreview(useMemo(() => JSON.parse(debounced) as PreviewInput, [debounced]));
  // A draft the server cannot draw yet (a field mid-edit) keeps the last picture, faded.
  const [html, setHtml] = useState<string>();
  useEffect(() => {
    if (preview.data !== undefined && !preview.isError) setHtml(preview.data);
  }, [preview.data, preview.isError]);
  const updating = preview.isFetching || typed !== debounced;

  return (
    <Paper withBorder radius="md" component="section" aria-label="Preview" style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 92px)', minHeight: 560, overflow: 'hidden' }}>
      <Group justify="space-between" wrap="nowrap" px="md" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fz="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            Preview of {variant.key}
          </Text>
          {updating && <Loader size={14} aria-label="Updating preview" />}
        </Group>
        <SegmentedControl
          size="xs"
          aria-label="Preview width"
          value={device}
          onChange={(value) => setDevice(value as Device)}
          data={DEVICES.map(({ value, name, tip, Icon }) => ({
            value,
            label: (
              <Tooltip label={tip} withArrow>
                <Group gap={6} wrap="nowrap">
                  <Icon size={16} />
                  <VisuallyHidden>{name}</VisuallyHidden>
                </Group>
              </Tooltip>
            ),
          }))}
        />
      </Group>
      {preview.isError && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} radius={0} py={6} fz="xs">
          The preview shows the last version that could be drawn: {errorMessage(preview.error)}
        </Alert>
      )}
      <Box style={{ flex: 1, minHeight: 0, background: 'var(--mantine-color-gray-1)', overflow: 'auto' }} p={device === 'mobile' ? 'md' : 0}>
        <Box
          h="100%"
          mx="auto"
          w={device === 'mobile' ? WIDTHS.mobile + 2 * BEZEL : WIDTHS.desktop}
          maw="100%"
          style={{
            display: 'flex',
            flexDirection: 'column',
            background: 'white',
            overflow: 'hidden',
            border: device === 'mobile' ? `${BEZEL}px solid var(--mantine-color-dark-7)` : undefined,
            borderRadius: device === 'mobile' ? 28 : 0,
            boxShadow: device === 'mobile' ? 'var(--mantine-shadow-md)' : undefined,
          }}
        >
          <Group gap={6} px="sm" py={6} wrap="nowrap" bg="var(--mantine-color-gray-0)" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            {device === 'desktop' && ['#f87171', '#fbbf24', '#34d399'].map((color) => <Box key={color} w={9} h={9} bg={color} style={{ borderRadius: 99, flexShrink: 0 }} />)}
            <Text fz={11} c="dimmed" ml={device === 'desktop' ? 'xs' : 0} truncate ff="monospace" style={{ flex: 1, textAlign: device === 'mobile' ? 'center' : undefined }}>
              {address}
            </Text>
          </Group>
          {html === undefined ? (
            <Center style={{ flex: 1 }}>
              <Text fz="sm" c="dimmed">
                {preview.isError ? errorMessage(preview.error) : 'Drawing the page…'}
              </Text>
            </Center>
          ) : (
            <iframe
              title={`Page preview, variant ${variant.key}`}
              sandbox=""
              srcDoc={html}
              style={{ display: 'block', flex: 1, width: '100%', border: 0, background: 'white', opacity: preview.isError ? 0.55 : 1, transition: 'opacity 150ms' }}
            />
          )}
        </Box>
      </Box>
    </Paper>
  );
}
