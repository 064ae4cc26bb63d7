import { ActionIcon, Box, Code, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface CodeBlockProps {
  code: string;
  /** What the code is, e.g. "Tracking snippet"; also its accessible name. */
  label: string;
  /** Accessible name of the copy button, e.g. "Copy snippet". */
  copyLabel: string;
}

/** Code to read and copy: a snippet to paste, an example, a raw payload. */
export function CodeBlock({ code, label, copyLabel }: CodeBlockProps) {
  return (
    <Box pos="relative">
      <Code block aria-label={label} fz={12} pr={44} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {code}
      </Code>
      <CopyButton value={code} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : copyLabel} withArrow position="left">
            <ActionIcon
              variant="default"
              color={copied ? 'teal' : 'gray'}
              onClick={copy}
              aria-label={copyLabel}
              pos="absolute"
              top={8}
              right={8}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Box>
  );
}
