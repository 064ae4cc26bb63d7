import { Menu } from '@mantine/core';
import { IconDownload, IconUserOff } from '@tabler/icons-react';

/** The contact's "More actions" items for a subject access request and an erasure (admins only, as the API). */
export function PrivacyMenuItems({ contactId, onErase }: { contactId: string; onErase: () => void }) {
  return (
    <>
      <Menu.Label>Privacy</Menu.Label>
      <Menu.Item component="a" href={`/api/v1/contacts/${contactId}/export`} download leftSection={<IconDownload size={15} />}>
        Export data (JSON)
      </Menu.Item>
      <Menu.Item color="red" leftSection={<IconUserOff size={15} />} onClick={onErase}>
        Erase person…
      </Menu.Item>
    </>
  );
}
