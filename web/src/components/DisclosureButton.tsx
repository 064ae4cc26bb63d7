import { Button } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';

/** A small "Show / Hide" toggle for a folded section; the chevron shows which way it goes. */
export function DisclosureButton({ opened, onToggle, show, hide }: { opened: boolean; onToggle: () => void; show: string; hide: string }) {
  return (
    <Button
      variant="subtle"
      size="compact-xs"
      onClick={onToggle}
      aria-expanded={opened}
      rightSection={opened ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
    >
      {opened ? hide : show}
    </Button>
  );
}
