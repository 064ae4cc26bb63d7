import { ActionIcon, Alert, Anchor, Box, Button, CopyButton, Grid, Group, Menu, Paper, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconArrowBackUp,
  IconChartBar,
  IconCheck,
  IconCopy,
  IconDeviceFloppy,
  IconDots,
  IconExternalLink,
  IconEye,
  IconLayoutBoard,
  IconRocket,
  IconWorldOff,
} from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage, fieldPath, isApiError } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { slugFromName } from '../components/slug';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { LoadedRecord, RecordBreadcrumbs, SectionCard } from '../crm/shared/RecordLayout';
import { useForms } from '../forms/api';
import { useCreatePage, usePage, useUpdatePage } from './api';
import { BlocksEditor } from './editor/BlocksEditor';
import { PageSettings } from './editor/PageSettings';
import { PreviewPane } from './editor/PreviewPane';
import { VariantsEditor } from './editor/VariantsEditor';
import { BLOCK_LABELS, blockMessage, cleanInput, errorLocation, newPageInput, sentence } from './format';
import { ResultsPanel } from './ResultsPanel';
import { PageStatusBadge } from './StatusBadge';
import type { LandingPage, PageInput, PageStatus } from './types';

/** /landing-pages/new: the editor for a page not saved yet. */
export function NewLandingPagePage() {
  return <PageEditor key="new" page={undefined} />;
}

/** /landing-pages/:id: the editor and the A/B results of a page. */
export function LandingPagePage() {
  const { id = '' } = useParams();
  const page = usePage(id);
  return (
    <LoadedRecord query={page} noun="landing page" listPath="/landing-pages" listLabel="All landing pages">
      {(loaded) => <PageEditor key={loaded.id} page={loaded} />}
    </LoadedRecord>
  );
}

function inputOf(page: LandingPage): PageInput {
  const { name, slug, title, description, variants } = page;
  return { name, slug, title, description, variants };
}

/** What the editor holds against what was saved: equal once cleaned as the server keeps it. */
const fingerprint = (input: PageInput) => JSON.stringify(cleanInput(input));

/** A refusal: the server's (or the editor's own check's) message and the input it names. */
interface Problem {
  path: string | undefined;
  message: string;
}

/** The checks the server's schema would answer less clearly; the rest is the server's. */
function localProblem(input: PageInput): Problem | undefined {
  if (!input.name) return { path: 'name', message: 'Give the page a name' };
  if (!input.slug) return { path: 'slug', message: 'Give the page an address' };
  if (!input.title) return { path: 'title', message: 'Give the page a title' };
  for (const [index, variant] of input.variants.entries()) {
    if (!variant.name) return { path: `variants[${index}].name`, message: 'Give the variant a name' };
    const block = variant.blocks.findIndex((candidate) => candidate.type === 'form' && !candidate.formId);
    if (block >= 0) return { path: `variants[${index}].blocks[${block}].formId`, message: 'Choose the form of this block' };
  }
  return undefined;
}

/** A refusal for the notification: which variant and block, in the words of the inputs. */
function whereAndWhat(problem: Problem, draft: PageInput): string {
  const { variant: index, block: at, field } = errorLocation(problem.path);
  const variant = index === undefined ? undefined : draft.variants[index];
  const block = at === undefined ? undefined : variant?.blocks[at];
  if (variant && block) return `Variant ${variant.key}, ${BLOCK_LABELS[block.type].toLowerCase()} block ${at! + 1}: ${blockMessage(block.type, field ?? '', problem.message)}`;
  if (variant) return `Variant ${variant.key}: ${sentence(problem.message)}`;
  return sentence(problem.message);
}

type Tab = 'build' | 'results';

function PageEditor({ page }: { page: LandingPage | undefined }) {
  const navigate = useNavigate();
  const writable = useCurrentMe().workspace.role !== 'viewer';
  const readOnly = !writable || page?.status === 'archived';
  const forms = useForms();
  const create = useCreatePage();
  const update = useUpdatePage(page?.id ?? '');
  const [params, setParams] = useSearchParams();
  const tab: Tab = page && params.get('tab') === 'results' ? 'results' : 'build';

  const initial = useMemo(() => (page ? inputOf(page) : newPageInput()), [page]);
  const [draft, setDraft] = useState<PageInput>(initial);
  const [savedAs, setSavedAs] = useState(() => fingerprint(initial));
  const [selected, setSelected] = useState(0);
  // On a new page the address and the title follow the name until someone types them.
  const [slugFollows, setSlugFollows] = useState(!page);
  const [titleFollows, setTitleFollows] = useState(!page);
  const [problem, setProblem] = useState<Problem | null>(null);
  const dirty = fingerprint(draft) !== savedAs;
  const busy = create.isPending || update.isPending;

  const variant = draft.variants[selected] ?? draft.variants[0]!;
  const base = page ? page.url.slice(0, page.url.length - `/p/${page.slug}`.length) : window.location.origin;
  const activeForms = useMemo(() => (forms.data ?? []).filter((form) => form.status === 'active').map(({ id, name }) => ({ id, name })), [forms.data]);

  const change = (patch: Partial<PageInput>) =>
    setDraft((current) => {
      const next = { ...current, ...patch };
      if (patch.name !== undefined && slugFollows) next.slug = slugFromName(patch.name, 100);
      if (patch.name !== undefined && titleFollows) next.title = patch.name;
      return next;
    });

  // Where the problem is shown: an input, a variant, a block, or the alert at the top.
  const path = problem?.path;
  const at = errorLocation(path);
  const message = problem ? sentence(problem.message) : undefined;
  const errorAt = (field: string) => (path === field ? message : undefined);
  const variantErrorOf = (index: number, field: string) => (at.variant === index && at.block === undefined && at.field === field ? message : undefined);
  const blockProblemOf = (block: number) =>
    problem && at.variant === selected && at.block === block ? { field: at.field ?? '', message: problem.message } : undefined;
  const shownElsewhere = !!path && (['name', 'slug', 'title', 'description', 'variants'].includes(path) || at.variant !== undefined);
  const generalError = !shownElsewhere ? message : undefined;

  // Each refusal gets a notification of its own (one id would keep showing the first message).
  const shownFailure = useRef<string | null>(null);
  const refuse = (refused: Problem) => {
    setProblem(refused);
    const { variant: index } = errorLocation(refused.path);
    if (index !== undefined && index < draft.variants.length) setSelected(index);
    if (shownFailure.current) notifications.hide(shownFailure.current);
    shownFailure.current = notifications.show({ color: 'red', title: 'Not saved', message: whereAndWhat(refused, draft) });
  };
  const fail = (failure: unknown) => refuse({ path: isApiError(failure) ? fieldPath(failure.field) : undefined, message: errorMessage(failure) });

  const succeed = (message: string) => {
    if (shownFailure.current) notifications.hide(shownFailure.current);
    shownFailure.current = null;
    notifications.show({ color: 'teal', message });
  };

  /** Saves the editor's page; with a status, publishes or takes it down in the same step. */
  const save = (status?: PageStatus) => {
    const body = cleanInput(draft);
    const local = localProblem(body);
    if (local) return refuse(local);
    setProblem(null);
    const message = status === 'published' ? 'Published: the page is live.' : 'Landing page saved.';
    if (!page) {
      create.mutate(
        { ...body, status: status ?? 'draft' },
        {
          onSuccess: (created) => {
            succeed(status === 'published' ? message : 'Landing page created as a draft.');
            navigate(`/landing-pages/${created.id}`, { replace: true });
          },
          onError: fail,
        },
      );
      return;
    }
    update.mutate(
      { ...body, ...(status ? { status } : {}) },
      {
        onSuccess: (result) => {
          succeed(message);
          setDraft(inputOf(result));
          setSavedAs(fingerprint(inputOf(result)));
        },
        onError: fail,
      },
    );
  };

  /** Only the status: unsaved edits stay in the editor. */
  const setStatus = (status: PageStatus, message: string) => {
    setProblem(null);
    update.mutate({ status }, {
      onSuccess: (result) => {
        succeed(message);
        setSavedAs(fingerprint(inputOf(result)));
      },
      onError: fail,
    });
  };

  const title = draft.name.trim() || page?.name || 'New landing page';
  // A variant added but not saved yet has no saved version to open.
  const savedKey = page?.variants.find((candidate) => candidate.key === variant.key)?.key ?? page?.variants[0]?.key ?? 'A';

  return (
    <Box p="xl">
      <RecordBreadcrumbs parent="Landing pages" to="/landing-pages" current={title} />
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={1} fz={24} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {title}
          </Title>
          {page && <PageStatusBadge status={page.status} />}
        </Group>
        {writable && (
          <Group gap="sm" wrap="nowrap">
            {dirty && tab === 'build' && (
              <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                Unsaved changes
              </Text>
            )}
            {page?.status === 'archived' ? (
              <Button variant="default" leftSection={<IconArrowBackUp size={16} />} onClick={() => setStatus('draft', 'Restored as a draft.')} loading={busy}>
                Restore as draft
              </Button>
            ) : (
              <>
                <Button
                  variant={page?.status === 'published' ? 'filled' : 'default'}
                  leftSection={<IconDeviceFloppy size={16} />}
                  onClick={() => save()}
                  loading={busy && !update.variables?.status && !create.variables?.status}
                  disabled={Boolean(page) && !dirty}
                >
                  {page ? 'Save' : 'Save draft'}
                </Button>
                {page?.status === 'published' ? (
                  <Button variant="default" leftSection={<IconWorldOff size={16} />} onClick={() => setStatus('draft', 'Unpublished: the address no longer answers.')} loading={busy && update.variables?.status === 'draft'}>
                    Unpublish
                  </Button>
                ) : (
                  <Button leftSection={<IconRocket size={16} />} onClick={() => save('published')} loading={busy && (update.variables?.status === 'published' || create.variables?.status === 'published')}>
                    Publish
                  </Button>
                )}
              </>
            )}
            {page && (
              <Menu position="bottom-end" shadow="md">
                <Menu.Target>
                  <ActionIcon variant="default" size="lg" aria-label="More actions">
                    <IconDots size={18} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconEye size={16} />}
                    component="a"
                    href={`/api/v1/pages/${page.id}/preview?variant=${encodeURIComponent(savedKey)}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    Open saved variant {savedKey} in a tab
                  </Menu.Item>
                  {page.status !== 'archived' && (
                    <Menu.Item leftSection={<IconArchive size={16} />} color="red" onClick={() => setStatus('archived', 'Archived: the page is offline and kept with its results.')}>
                      Archive page
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        )}
      </Group>

      {page && <StatusNotice page={page} />}

      <Tabs value={tab} onChange={(next) => next && setParams(next === 'build' ? {} : { tab: next }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="build" leftSection={<IconLayoutBoard size={15} />}>
            Build
          </Tabs.Tab>
          <Tabs.Tab value="results" leftSection={<IconChartBar size={15} />} disabled={!page}>
            Results
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="build">
          <Grid gap="lg" align="flex-start">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Stack gap="md">
                <FormErrorAlert message={generalError} />
                <SectionCard title="Page">
                  <PageSettings draft={draft} onChange={change} base={base} errorOf={errorAt} readOnly={readOnly} onTyped={(field) => (field === 'slug' ? setSlugFollows(false) : setTitleFollows(false))} />
                </SectionCard>
                <SectionCard title="Variants" count={draft.variants.length}>
                  <VariantsEditor
                    variants={draft.variants}
                    onChange={(variants) => change({ variants })}
                    selected={selected}
                    onSelect={setSelected}
                    errorOf={variantErrorOf}
                    faulty={(index) => at.variant === index}
                    splitError={errorAt('variants')}
                    readOnly={readOnly}
                  />
                </SectionCard>
                <SectionCard title={`Blocks of variant ${variant.key}`} count={variant.blocks.length}>
                  <Text fz="xs" c="dimmed" mb="sm">
                    {variant.blocks.some((block) => block.type === 'form')
                      ? 'A visitor converts by sending the form.'
                      : 'Without a form, a visitor converts by clicking a button of the page.'}
                  </Text>
                  <BlocksEditor
                    blocks={variant.blocks}
                    onChange={(blocks) => change({ variants: draft.variants.map((candidate, index) => (index === selected ? { ...candidate, blocks } : candidate)) })}
                    forms={activeForms}
                    formsLoading={forms.isPending}
                    problemOf={blockProblemOf}
                    listError={at.variant === selected && at.block === undefined && at.field === undefined && path !== undefined && path !== 'variants' ? message : undefined}
                    readOnly={readOnly}
                  />
                </SectionCard>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }} style={{ position: 'sticky', top: 76 }}>
              <PreviewPane page={draft} variant={variant} address={`${base.replace(/^https?:\/\//, '')}/p/${draft.slug || '…'}`} />
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        {page && (
          <Tabs.Panel value="results">
            <ResultsPanel page={page} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Box>
  );
}

/** Where the page stands: live at its address, a draft, or archived. */
function StatusNotice({ page }: { page: LandingPage }) {
  if (page.status === 'published') {
    return (
      <Alert color="teal" mb="md" py="xs" icon={<IconRocket size={18} />} aria-label="Public address">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text fz="sm">
            Live at{' '}
            <Anchor href={page.url} target="_blank" rel="noreferrer" ff="monospace" fz="sm" fw={600}>
              {page.url}
            </Anchor>
            . Saving changes updates the live page.
          </Text>
          <Group gap="xs" wrap="nowrap">
            <CopyButton value={page.url} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy address'} withArrow>
                  <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy address">
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
            <Button component="a" href={page.url} target="_blank" rel="noreferrer" size="xs" variant="light" color="teal" rightSection={<IconExternalLink size={14} />}>
              Open
            </Button>
          </Group>
        </Group>
      </Alert>
    );
  }
  return (
    <Paper withBorder radius="md" p="sm" mb="md" bg="var(--mantine-color-gray-0)">
      <Text fz="sm">
        {page.status === 'archived'
          ? 'This page is archived: its address does not answer, and its results are kept. Restore it to edit and publish it again.'
          : 'Draft: the page is not public yet. Publish it to put it online at its address.'}
      </Text>
    </Paper>
  );
}
