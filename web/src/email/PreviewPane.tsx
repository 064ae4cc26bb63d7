import { Anchor, Box, Center, Group, Input, Loader, Paper, SegmentedControl, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSendingDomains } from './api';
import { PreviewAsPicker, type PickedContact } from './PreviewAsPicker';
import type { Rendered } from './types';

const WIDTHS = { desktop: 640, mobile: 375 } as const;

interface PreviewPaneProps {
  rendered: Rendered | undefined;
  preheader: string | null;
  /** A newer version is being rendered. */
  updating: boolean;
  /** The newest version does not compile: what shows is the last one that did. */
  stale: boolean;
  contact: PickedContact | null;
  onContactChange: (contact: PickedContact | null) => void;
  height: number | string;
}

/**
 * What the recipient gets, rendered by the server as a contact (or sample data): the inbox
 * line, then the HTML in a sandboxed frame at desktop or phone width, or the plain-text part.
 */
export function PreviewPane({ rendered, preheader, updating, stale, contact, onContactChange, height }: PreviewPaneProps) {
  const [device, setDevice] = useState<keyof typeof WIDTHS>('desktop');
  const [format, setFormat] = useState<'html' | 'text'>('html');
  const domains = useSendingDomains();
  const from = domains.data?.find((domain) => domain.isDefault);

  return (
    <Stack gap="xs" component="section" aria-label="Preview" h={height}>
      <Group justify="space-between" wrap="nowrap" gap="sm" h={30}>
        <Group gap={8} wrap="nowrap">
          <Input.Label labelElement="div" style={{ whiteSpace: 'nowrap' }}>
            Preview as
          </Input.Label>
          <PreviewAsPicker value={contact} onChange={onContactChange} />
        </Group>
        <Group gap="xs" wrap="nowrap">
          {updating && <Loader size={14} aria-label="Updating preview" />}
          <SegmentedControl
            size="xs"
            aria-label="Width"
            value={device}
            onChange={(value) => setDevice(value as keyof typeof WIDTHS)}
            data={[
              {
                value: 'desktop',
                label: (
                  <Tooltip label="Desktop width" withArrow>
                    <Center>
                      <IconDeviceDesktop size={16} />
                      <VisuallyHidden>Desktop</VisuallyHidden>
                    </Center>
                  </Tooltip>
                ),
              },
              {
                value: 'mobile',
                label: (
                  <Tooltip label="Phone width" withArrow>
                    <Center>
                      <IconDeviceMobile size={16} />
                      <VisuallyHidden>Mobile</VisuallyHidden>
                    </Center>
                  </Tooltip>
                ),
              },
            ]}
          />
          <SegmentedControl
            size="xs"
            aria-label="Format"
            value={format}
            onChange={(value) => setFormat(value as 'html' | 'text')}
            data={[
              { value: 'html', label: 'HTML' },
              { value: 'text', label: 'Plain text' },
            ]}
          />
        </Group>
      </Group>

      <Paper withBorder radius="md" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <Box px="md" py={10} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} aria-label="Inbox" role="group">
          <Group gap={6} wrap="nowrap">
            <Text fz="xs" c="dimmed" w={52} style={{ flexShrink: 0 }}>
              From
            </Text>
            {from ? (
              <Text fz="xs" truncate>
                {from.fromName ? `${from.fromName} <${from.fromEmail}>` : from.fromEmail}
              </Text>
            ) : (
              <Text fz="xs" c="dimmed">
                No sending domain yet —{' '}
                <Anchor component={Link} to="/settings/email" fz="xs">
                  add one in Settings
                </Anchor>
              </Text>
            )}
          </Group>
          <Group gap={6} wrap="nowrap" mt={2}>
            <Text fz="xs" c="dimmed" w={52} style={{ flexShrink: 0 }}>
              Subject
            </Text>
            <Text fz="sm" fw={600} truncate aria-label="Rendered subject">
              {rendered?.subject || '—'}
            </Text>
          </Group>
          {preheader?.trim() && (
            <Group gap={6} wrap="nowrap" mt={2}>
              <Text fz="xs" c="dimmed" w={52} style={{ flexShrink: 0 }}>
                Preheader
              </Text>
              <Text fz="xs" c="dimmed" truncate>
                {preheader}
              </Text>
            </Group>
          )}
        </Box>
        <Box
          style={{ flex: 1, minHeight: 0, overflow: 'auto', background: 'var(--mantine-color-gray-1)', opacity: stale ? 0.55 : 1, transition: 'opacity 150ms' }}
          p="md"
        >
          {!rendered ? (
            <Center h="100%">
              <Text fz="sm" c="dimmed">
                {updating ? 'Rendering…' : 'The preview shows once the template compiles.'}
              </Text>
            </Center>
          ) : format === 'html' ? (
            <iframe
              title="Email preview"
              sandbox=""
              srcDoc={rendered.html}
              style={{
                display: 'block',
                width: WIDTHS[device],
                maxWidth: '100%',
                height: '100%',
                minHeight: 420,
                margin: '0 auto',
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: device === 'mobile' ? 16 : 4,
                background: 'white',
              }}
            />
          ) : (
            <Box
              component="pre"
              aria-label="Plain-text part"
              m="0 auto"
              p="md"
              maw={WIDTHS[device]}
              bg="white"
              ff="monospace"
              fz={13}
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, minHeight: '100%' }}
            >
              {rendered.text}
            </Box>
          )}
        </Box>
      </Paper>
    </Stack>
  );
}
