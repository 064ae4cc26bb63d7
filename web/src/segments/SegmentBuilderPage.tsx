import { Box, Button, Grid, Group, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldError, formError } from '../api/client';
import { LoadingBlock } from '../components/QueryState';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { RecordBreadcrumbs, RecordNotFound } from '../crm/shared/RecordLayout';
import { useCreateSegment, usePreview, useSegment, useUpdateSegment } from './api';
import { definitionIssues, DefinitionBuilder } from './builder/DefinitionBuilder';
import { definitionPath, emptyDraft, isWithin, toDefinition, toDraft, type DraftGroup } from './builder/draft';
import { PreviewPanel } from './builder/PreviewPanel';
import type { Segment } from './types';

/** /segments/new and /segments/:id/edit. */
export function SegmentBuilderPage() {
  const { id } = useParams();
  return id ? <EditSegment id={id} /> : <SegmentForm />;
}

function EditSegment({ id }: { id: string }) {
  const segment = useSegment(id);
  if (segment.isPending) return <LoadingBlock />;
  if (segment.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={segment.error} noun="segment" listPath="/segments" listLabel="All segments" />
      </Box>
    );
  }
  // The form keeps what it started from while the segment is polled (its member count moves).
  return <SegmentForm key={segment.data.id} segment={segment.data} />;
}

const FORM_FIELDS = ['name', 'description'];

/** Name, description and conditions, with the live count beside them. */
function SegmentForm({ segment }: { segment?: Segment }) {
  const navigate = useNavigate();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [initialDraft] = useState<DraftGroup>(() => (segment ? toDraft(segment.definition) : emptyDraft()));
  const [draft, setDraft] = useState(initialDraft);
  const definition = useMemo(() => toDefinition(draft), [draft]);
  const preview = usePreview(definition);
  const create = useCreateSegment();
  const update = useUpdateSegment(segment?.id ?? '');
  const save = segment ? update : create;
  const [nameMissing, setNameMissing] = useState(false);
  // A refused save is about the conditions as they were: once they change, the live count has the word.
  const changeDraft = (next: DraftGroup) => {
    setDraft(next);
    if (save.isError) save.reset();
  };

  const issues = [
    ...definitionIssues(save.error, 'error'),
    ...definitionIssues(preview.error, 'warning'),
    // A flagged segment's problems point at its saved definition: shown until the conditions change.
    ...(draft === initialDraft ? (segment?.problems ?? []) : []).map((problem) => ({
      path: definitionPath(problem.path) ?? problem.path,
      message: problem.message,
      severity: 'warning' as const,
    })),
  ];

  // A refused definition names a node: the row shows the message, the top only says so.
  const onARow = definitionIssues(save.error, 'error').some((issue) => isWithin(issue.path, 'match'));

  const submit = () => {
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    const input = { name: name.trim(), description: description.trim() || null, definition };
    save.mutate(input, { onSuccess: (saved) => navigate(`/segments/${saved.id}`) });
  };

  return (
    // No <form>: Enter in a row's input (a tag, a suggested path) must not save the segment.
    <Box p="xl">
      <RecordBreadcrumbs parent="Segments" to="/segments" current={segment ? segment.name : 'New segment'} />
      <Group justify="space-between" align="flex-start" mb="lg">
        <Title order={1} fz={24}>
          {segment ? `Edit ${segment.name}` : 'New segment'}
        </Title>
        <Group gap="sm">
          <Button variant="default" component={Link} to={segment ? `/segments/${segment.id}` : '/segments'}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            {segment ? 'Save segment' : 'Create segment'}
          </Button>
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <FormErrorAlert message={onARow ? 'Fix the highlighted condition to save.' : formError(save.error, FORM_FIELDS)} />
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <TextInput
                  label="Name"
                  placeholder="Pricing page visitors in Finland"
                  value={name}
                  onChange={(event) => {
                    setName(event.currentTarget.value);
                    setNameMissing(false);
                  }}
                  error={nameMissing ? 'Give the segment a name' : fieldError(save.error, 'name')}
                  data-autofocus
                  autoFocus={!segment}
                />
                <Textarea
                  label="Description"
                  placeholder="Who this is for and where it is used"
                  value={description}
                  onChange={(event) => setDescription(event.currentTarget.value)}
                  error={fieldError(save.error, 'description')}
                  autosize
                  minRows={1}
                  maxRows={4}
                />
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="conditions-title">
              <Title order={2} fz="md" mb="sm" id="conditions-title">
                Conditions
              </Title>
              <DefinitionBuilder draft={draft} onChange={changeDraft} issues={issues} segmentId={segment?.id} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Box style={{ position: 'sticky', top: 76 }}>
            <PreviewPanel preview={preview} />
          </Box>
        </Grid.Col>
      </Grid>
    </Box>
  );
}
