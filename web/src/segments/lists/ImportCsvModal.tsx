import { Alert, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useImportListMembers } from '../api';
import { contactCount } from '../labels';
import type { List, ListImportResult } from '../types';

interface ImportCsvModalProps {
  list: List;
  opened: boolean;
  onClose: () => void;
}

/** Adds the contacts of a CSV file's `email` column, and says which lines it could not use and why. */
export function ImportCsvModal({ list, opened, onClose }: ImportCsvModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Import contacts to ${list.name}`} size="lg">
      <ImportCsv list={list} onClose={onClose} />
    </Modal>
  );
}

function ImportCsv({ list, onClose }: Omit<ImportCsvModalProps, 'opened'>) {
  const [file, setFile] = useState<File | null>(null);
  const upload = useImportListMembers(list.id);

  if (upload.data) return <ImportResult result={upload.data} onClose={onClose} />;
  return (
    <Stack>
      <Text fz="sm" c="dimmed">
        A CSV file with an <b>email</b> column. Contacts are found by their email address; lines without a known address are
        listed afterwards.
      </Text>
      {upload.error && (
        <Alert color="red" role="alert">
          {errorMessage(upload.error)}
        </Alert>
      )}
      <FileInput
        label="CSV file"
        placeholder="Choose a .csv file"
        accept=".csv,text/csv"
        value={file}
        onChange={setFile}
        leftSection={<IconFileTypeCsv size={16} />}
        clearable
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
          Import
        </Button>
      </Group>
    </Stack>
  );
}

function ImportResult({ result, onClose }: { result: ListImportResult; onClose: () => void }) {
  return (
    <Stack>
      <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status">
        Added {contactCount(result.added)} to the list.
      </Alert>
      {result.rejected.length > 0 && (
        <Stack gap={6}>
          <Text fz="sm" fw={600}>
            {result.rejected.length.toLocaleString()} {result.rejected.length === 1 ? 'line was' : 'lines were'} not used
          </Text>
          <ScrollArea.Autosize mah={280}>
            <Table fz="sm" verticalSpacing={4} aria-label="Rejected lines" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Line</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rejected.map((rejection) => (
                  <Table.Tr key={rejection.line}>
                    <Table.Td>{rejection.line}</Table.Td>
                    <Table.Td>{rejection.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Stack>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
