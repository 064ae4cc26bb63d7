import { Alert, Box, Button, FileInput, Group, Paper, Radio, Stack, Stepper, Text } from '@mantine/core';
import { IconFileTypeCsv, IconHistory, IconUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import type { ImportUpload } from '../types';
import { countDataRows, useUploadImport, type ImportObject } from './api';
import { ImportRunView } from './ImportRunView';
import { MappingStep } from './MappingStep';

const MAX_BYTES = 2 * 1024 * 1024 * 1024;

/** Upload a CSV, map its columns, and watch it import: three steps on one page. */
export function ImportWizardPage() {
  const [params] = useSearchParams();
  const [objectType, setObjectType] = useState<ImportObject>(params.get('object') === 'company' ? 'company' : 'contact');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [expectedRows, setExpectedRows] = useState<number | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const step = runId ? 2 : upload ? 1 : 0;

  const restart = () => {
    setFile(null);
    setUpload(null);
    setRunId(null);
    setExpectedRows(null);
  };

  return (
    <Box p="xl" maw={1180}>
      <PageHeader
        title="Import"
        description="Bring contacts or companies in from a CSV file. Existing records are found and updated or skipped, and every row that cannot be imported is listed with its reason."
        actions={
          <Button component={Link} to="/imports" variant="default" leftSection={<IconHistory size={16} />}>
            Import history
          </Button>
        }
      />
      <Stepper active={step} size="sm" mb="xl" allowNextStepsSelect={false}>
        <Stepper.Step label="Upload" description="Choose the file" />
        <Stepper.Step label="Map columns" description="Match them to fields" />
        <Stepper.Step label="Import" description="Progress and result" />
      </Stepper>
      {step === 0 && (
        <UploadStep
          objectType={objectType}
          onObjectType={setObjectType}
          file={file}
          onFile={setFile}
          onUploaded={(uploaded, rows) => {
            setUpload(uploaded);
            setExpectedRows(rows);
          }}
        />
      )}
      {step === 1 && upload && (
        <MappingStep upload={upload} expectedRows={expectedRows} onBack={restart} onStarted={(run) => setRunId(run.id)} />
      )}
      {step === 2 && runId && <ImportRunView id={runId} expectedRows={expectedRows} onImportAnother={restart} />}
    </Box>
  );
}

interface UploadStepProps {
  objectType: ImportObject;
  onObjectType: (object: ImportObject) => void;
  file: File | null;
  onFile: (file: File | null) => void;
  onUploaded: (upload: ImportUpload, expectedRows: number | null) => void;
}

function UploadStep({ objectType, onObjectType, file, onFile, onUploaded }: UploadStepProps) {
  const upload = useUploadImport();
  const [fileError, setFileError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError('Choose a CSV file to import.');
      return;
    }
    if (file.size === 0) {
      setFileError('This file is empty.');
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError('Files up to 2 GB can be imported; split this one.');
      return;
    }
    const [uploaded, rows] = await Promise.all([
      upload.mutateAsync({ objectType, file }).catch(() => null),
      countDataRows(file).catch(() => null),
    ]);
    if (uploaded) onUploaded(uploaded, rows);
  };

  const message = formError(upload.error, []);

  return (
    <Paper withBorder radius="md" p="xl" maw={640}>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          {message && (
            <Alert color="red" role="alert" title="The file could not be read">
              {message}
            </Alert>
          )}
          <Radio.Group label="What does the file hold?" value={objectType} onChange={(value) => onObjectType(value as ImportObject)}>
            <Group mt="xs" gap="xl">
              <Radio value="contact" label="Contacts" description="People, with their company" />
              <Radio value="company" label="Companies" description="Accounts and organisations" />
            </Group>
          </Radio.Group>
          <FileInput
            label="CSV file"
            description="The first row names the columns. Comma, semicolon or tab separated, UTF-8, up to 2 GB."
            placeholder="Choose a .csv file"
            accept=".csv,text/csv,text/plain"
            leftSection={<IconFileTypeCsv size={18} stroke={1.6} />}
            clearable
            value={file}
            error={fileError}
            onChange={(next) => {
              onFile(next);
              setFileError(undefined);
              upload.reset();
            }}
          />
          <Group justify="space-between" wrap="nowrap">
            <Text fz="xs" c="dimmed">
              Nothing is written until you confirm the mapping in the next step.
            </Text>
            <Button type="submit" leftSection={<IconUpload size={16} />} loading={upload.isPending}>
              Upload and map columns
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
