import { Alert, Anchor, Box, Button, Group, Menu, Modal, Stack, Tabs, Text, TextInput, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAdjustments,
  IconAlertTriangle,
  IconArchive,
  IconChevronDown,
  IconDeviceFloppy,
  IconDots,
  IconFlask,
  IconListDetails,
  IconPlayerPause,
  IconPlayerPlay,
  IconRocket,
  IconSitemap,
  IconTopologyStar3,
} from '@tabler/icons-react';
import { addEdge, ReactFlowProvider, useEdgesState, useNodesState, useReactFlow, type Connection } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useBlocker, useParams } from 'react-router';
import { errorMessage } from '../api/client';
import { formatRelative } from '../app/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LoadingBlock } from '../components/QueryState';
import { RecordBreadcrumbs, RecordNotFound } from '../crm/shared/RecordLayout';
import { LaunchRefused, useServerNow, useJourney, useJourneyStats, useJourneyStatusChange, useJourneyVersion, useLaunchJourney, useSaveJourney } from './api';
import { CanvasProvider, type CanvasOverlay } from './builder/CanvasContext';
import { edgesWithExits, freeExits, newEdgeId, newNodeId, toFlow, toGraph, type StepEdge, type StepNode } from './builder/graphState';
import { JourneyCanvas } from './builder/JourneyCanvas';
import { LaunchModal } from './builder/LaunchModal';
import { kindOf, NODE_KINDS } from './builder/nodeCatalog';
import { Palette } from './builder/Palette';
import { NODE_WIDTH } from './builder/StepNodeView';
import { SettingsPanel } from './builder/SettingsPanel';
import { StepPanel } from './builder/StepPanel';
import { TestPanel } from './builder/TestPanel';
import { summarize, type JourneyNames } from './builder/summary';
import { useJourneyNames } from './builder/useNames';
import { EnrolmentsPanel } from './EnrolmentsPanel';
import { JourneyStatusBadge } from './StatusBadge';
import { TestClockControl } from './TestClockControl';
import { defaultRules, exitsOf, type Journey, type JourneyStats, type JourneyGraph, type JourneyRules, type NodeConfig, type NodeType, type Problem, type Simulation } from './types';

/** /journeys/:id: the builder, and the journey's enrolments. */
export function JourneyPage() {
  const { id = '' } = useParams();
  const journey = useJourney(id);
  if (journey.isPending) return <LoadingBlock />;
  if (journey.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={journey.error} noun="journey" listPath="/journeys" listLabel="All journeys" />
      </Box>
    );
  }
  return (
    <ReactFlowProvider key={journey.data.id}>
      <JourneyEditor journey={journey.data} />
    </ReactFlowProvider>
  );
}

interface Draft {
  name: string;
  description: string;
  graph: JourneyGraph;
  rules: JourneyRules;
}

const snapshot = (draft: Draft) => JSON.stringify(draft);
/** What a version does, without where its steps sit on the canvas. */
const behaviour = (graph: JourneyGraph, rules: JourneyRules) =>
  canonical({ nodes: graph.nodes.map(({ position: _position, ...node }) => node), edges: graph.edges, rules });

/** JSON with every object's keys sorted: the server keeps a graph as jsonb, which orders keys its own way. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

type Panel = 'step' | 'settings' | 'test';

/** The editor keeps its own copy of the draft: the journey it was opened with is the starting point. */
function JourneyEditor({ journey }: { journey: Journey }) {
  const [initial] = useState(() => toFlow(journey.draft.graph));
  const [nodes, setNodes, onNodesChange] = useNodesState<StepNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<StepEdge>(initial.edges);
  const [rules, setRules] = useState<JourneyRules>({ ...defaultRules, ...journey.draft.rules });
  const [name, setName] = useState(journey.name);
  const [description, setDescription] = useState(journey.description ?? '');
  const graph = useMemo(() => toGraph(nodes, edges), [nodes, edges]);
  const draft: Draft = { name: name.trim(), description: description.trim(), graph, rules };
  const [saved, setSaved] = useState(() =>
    snapshot({ name: journey.name, description: journey.description ?? '', graph: toGraph(initial.nodes, initial.edges), rules: { ...defaultRules, ...journey.draft.rules } }),
  );
  const dirty = snapshot(draft) !== saved;

  const [tab, setTab] = useState<'builder' | 'enrolments'>('builder');
  const [panel, setPanel] = useState<Panel>('step');
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const [shownContact, setShownContact] = useState<string | null>(null);
  const [launchOpen, launchModal] = useDisclosure(false);
  const [archiving, setArchiving] = useState(false);

  const flow = useReactFlow<StepNode, StepEdge>();
  const save = useSaveJourney(journey.id);
  const launch = useLaunchJourney(journey.id);
  const statusChange = useJourneyStatusChange(journey.id);
  const names = useJourneyNames();
  const now = useServerNow();
  const readOnly = journey.status === 'archived';
  const running = journey.status === 'live' || journey.status === 'paused';
  const stats = useJourneyStats(journey.id, journey.status !== 'draft');
  const liveVersion = useJourneyVersion(journey.id, running ? journey.liveVersion : null);

  // A refused launch names the problems of the draft it tried; a later save has the newer word.
  const [refused, setRefused] = useState<Problem[] | null>(null);
  const problems = refused ?? journey.problems;
  const nodeIds = useMemo(() => new Set(nodes.map((node) => node.id)), [nodes]);
  const problemsByNode = useMemo(() => {
    const map = new Map<string, Problem[]>();
    for (const problem of problems) if (problem.nodeId && nodeIds.has(problem.nodeId)) map.set(problem.nodeId, [...(map.get(problem.nodeId) ?? []), problem]);
    return map;
  }, [problems, nodeIds]);
  const generalProblems = problems.filter((problem) => !problem.nodeId || !nodeIds.has(problem.nodeId));

  const selected = nodes.find((node) => node.selected) ?? null;
  const selectedId = selected?.id ?? null;
  useEffect(() => {
    if (selectedId) setPanel('step');
  }, [selectedId]);

  // Leaving with unsaved changes asks first: in the app, and when the tab is closed or reloaded.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const doSave = useCallback(async (): Promise<Journey | null> => {
    if (!draft.name) {
      notifications.show({ color: 'red', message: 'Give the journey a name' });
      return null;
    }
    const sent = snapshot(draft);
    try {
      const result = await save.mutateAsync({ name: draft.name, description: draft.description || null, graph: draft.graph, rules: draft.rules });
      setSaved(sent);
      setRefused(null);
      return result;
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
      return null;
    }
  }, [draft, save]);

  useHotkeys([['mod+S', () => void doSave()]], []);

  // ── Editing the graph ──────────────────────────────────────────────────────────────

  const selectOnly = (id: string) => (node: StepNode) => ({ ...node, selected: node.id === id });

  const addStep = useCallback(
    (type: NodeType, position?: { x: number; y: number }) => {
      const kind = NODE_KINDS.find((candidate) => candidate.type === type);
      if (!kind) return;
      const id = newNodeId(type, nodeIds);
      const anchor = position ? null : (selected ?? [...nodes].sort((a, b) => b.position.y - a.position.y)[0] ?? null);
      const exit = anchor && type !== 'trigger' ? freeExits(anchor, edges)[0] : undefined;
      // Below the exit it hangs from: a branch's Yes to the left, its No to the right.
      const exits = anchor ? exitsOf(anchor.data.config) : [];
      const offset = exit ? (exits.indexOf(exit) - (exits.length - 1) / 2) * 320 : 320;
      // Room below the anchor for its live numbers (and a random split's arms), which come after launch.
      const below = (anchor?.measured?.height ?? 80) + 120 + (anchor?.data.config.type === 'random' ? 70 : 0);
      const at = position ?? (anchor ? { x: anchor.position.x + offset, y: anchor.position.y + (exit ? below : 0) } : { x: 0, y: 0 });
      const node: StepNode = { id, type: 'step', position: at, data: { config: kind.create() }, selected: true };
      setNodes((current) => [...current.map((other) => ({ ...other, selected: false })), node]);
      if (anchor && exit) setEdges((current) => [...current, { id: newEdgeId(), type: 'step', source: anchor.id, sourceHandle: exit, target: id, targetHandle: 'in' }]);
      setPanel('step');
      // A step added by click may land below the fold: bring it into view.
      if (!position) void flow.setCenter(at.x + NODE_WIDTH / 2, at.y + 40, { zoom: flow.getZoom(), duration: 200 });
    },
    [nodeIds, nodes, edges, selected, setNodes, setEdges, flow],
  );

  const connect = useCallback(
    (connection: Connection) => {
      if (!connection.source || !connection.target || connection.source === connection.target) return;
      // An exit leads to one step: a new connection replaces the old one.
      setEdges((current) =>
        addEdge(
          { ...connection, id: newEdgeId(), type: 'step', targetHandle: 'in' },
          current.filter((edge) => !(edge.source === connection.source && (edge.sourceHandle ?? 'next') === (connection.sourceHandle ?? 'next'))),
        ),
      );
    },
    [setEdges],
  );

  const connectExit = (source: string, exit: string, target: string | null) => {
    setEdges((current) => {
      const others = current.filter((edge) => !(edge.source === source && edge.sourceHandle === exit));
      return target ? [...others, { id: newEdgeId(), type: 'step', source, sourceHandle: exit, target, targetHandle: 'in' }] : others;
    });
  };

  const changeConfig = (id: string, config: NodeConfig) => {
    const next = nodes.map((node) => (node.id === id ? { ...node, data: { ...node.data, config } } : node));
    setNodes(next);
    // A removed path or arm takes its edge along.
    setEdges((current) => edgesWithExits(next, current));
  };

  const deleteStep = (id: string) => {
    setNodes((current) => current.filter((node) => node.id !== id));
    setEdges((current) => current.filter((edge) => edge.source !== id && edge.target !== id));
  };

  // ── Status ─────────────────────────────────────────────────────────────────────────

  const openLaunch = async () => {
    if (dirty) {
      const result = await doSave();
      if (!result) return;
      if (result.problems.length > 0) {
        notifications.show({ color: 'red', title: 'Cannot launch yet', message: `Fix ${result.problems.length === 1 ? 'the problem' : `the ${result.problems.length} problems`} shown on the canvas.` });
        return;
      }
    }
    launch.reset();
    launchModal.open();
  };

  const doLaunch = (input: Parameters<typeof launch.mutate>[0]) =>
    launch.mutate(input, {
      onSuccess: () => {
        launchModal.close();
        notifications.show({ color: 'teal', message: running ? 'Changes published' : `${name} is live` });
      },
      onError: (error) => {
        if (error instanceof LaunchRefused && error.problems.length > 0) {
          setRefused(error.problems);
          launchModal.close();
          notifications.show({ color: 'red', title: 'Launch refused', message: `Fix the ${error.problems.length === 1 ? 'problem' : `${error.problems.length} problems`} shown on the canvas.` });
        }
      },
    });

  const changeStatus = (action: 'pause' | 'resume' | 'archive') =>
    statusChange.mutate(action, {
      onSuccess: () => notifications.show({ color: action === 'archive' ? 'gray' : 'teal', message: { pause: 'Journey paused', resume: 'Journey resumed', archive: 'Journey archived' }[action] }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });

  const changedSinceLive = running && liveVersion.data ? behaviour(graph, rules) !== behaviour(liveVersion.data.graph, { ...defaultRules, ...liveVersion.data.rules }) : false;
  const keptSteps = liveVersion.data ? liveVersion.data.graph.nodes.map((node) => node.id).filter((id) => nodeIds.has(id)) : [];
  const blocked = !dirty && problems.length > 0;

  // ── The overlay: simulated path ────────────────────────────────────────────────────

  const path = useMemo(() => {
    const contact = simulation?.contacts.find((candidate) => candidate.contactId === shownContact) ?? simulation?.contacts[0];
    if (!contact) return null;
    const ids = contact.path.map((step) => step.nodeId);
    const pathEdges = new Set<string>();
    for (let index = 1; index < ids.length; index++) {
      const edge = edges.find((candidate) => candidate.source === ids[index - 1] && candidate.target === ids[index]);
      if (edge) pathEdges.add(edge.id);
    }
    return { nodes: new Set(ids), edges: pathEdges };
  }, [simulation, shownContact, edges]);

  const overlay: CanvasOverlay = {
    names,
    problems: problemsByNode,
    stats: journey.status !== 'draft' ? (stats.data ?? null) : null,
    path,
    simulated: simulation && simulation.contacts.length > 1 ? simulation.nodes : null,
    onDeleteEdge: (id) => setEdges((current) => current.filter((edge) => edge.id !== id)),
    readOnly,
  };

  const stepName = (nodeId: string | null) => {
    if (!nodeId) return '—';
    const node = nodes.find((candidate) => candidate.id === nodeId);
    return node ? node.data.label || kindOf(node.data.config.type).label : nodeId;
  };

  const focusNode = (nodeId: string) => {
    setNodes((current) => current.map(selectOnly(nodeId)));
    setTab('builder');
  };

  return (
    <Box h="calc(100dvh - 60px)" style={{ display: 'flex', flexDirection: 'column' }}>
      <Box px="xl" pt="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <RecordBreadcrumbs parent="Journeys" to="/journeys" current={name || 'Untitled journey'} />
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Box miw={0} style={{ flex: 1 }}>
            <Group gap="sm" wrap="nowrap" miw={0}>
              <NameInput value={name} onChange={setName} disabled={readOnly} />
              <JourneyStatusBadge status={journey.status} size="md" />
            </Group>
            <Text fz="xs" c="dimmed" mt={2} truncate>
              {journey.liveVersion ? `Version ${journey.liveVersion} live` : 'Never launched'}
              {journey.status === 'paused' ? ' · paused' : ''}
              {dirty ? ' · unsaved changes' : changedSinceLive ? ' · draft has changes not published' : ` · saved ${formatRelative(journey.updatedAt, now)}`}
            </Text>
          </Box>
          <Group gap="xs" wrap="nowrap">
            <TestClockControl />
            <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={() => void doSave()} loading={save.isPending} disabled={!dirty || readOnly}>
              Save
            </Button>
            {journey.status === 'draft' && (
              <Tooltip label={`Fix ${problems.length === 1 ? 'the problem' : `the ${problems.length} problems`} to launch`} disabled={!blocked} withArrow>
                <Box>
                  <Button color="teal" leftSection={<IconRocket size={16} />} onClick={() => void openLaunch()} disabled={blocked} loading={launch.isPending}>
                    Launch
                  </Button>
                </Box>
              </Tooltip>
            )}
            {running && (
              <Tooltip label={blocked ? 'Fix the problems to publish' : 'Nothing changed since the live version'} disabled={!blocked && (dirty || changedSinceLive)} withArrow>
                <Box>
                  <Button color="teal" leftSection={<IconRocket size={16} />} onClick={() => void openLaunch()} disabled={blocked || (!dirty && !changedSinceLive)} loading={launch.isPending}>
                    Publish changes
                  </Button>
                </Box>
              </Tooltip>
            )}
            {journey.status === 'live' && (
              <Button variant="default" leftSection={<IconPlayerPause size={16} />} onClick={() => changeStatus('pause')} loading={statusChange.isPending && statusChange.variables === 'pause'}>
                Pause
              </Button>
            )}
            {journey.status === 'paused' && (
              <Button variant="default" leftSection={<IconPlayerPlay size={16} />} onClick={() => changeStatus('resume')} loading={statusChange.isPending && statusChange.variables === 'resume'}>
                Resume
              </Button>
            )}
            {!readOnly && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" px={8} aria-label="More actions">
                    <IconDots size={18} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconArchive size={16} />} color="red" onClick={() => setArchiving(true)}>
                    Archive journey
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
        <Tabs value={tab} onChange={(value) => value && setTab(value as typeof tab)} mt={6} styles={{ list: { borderBottom: 0 } }}>
          <Tabs.List>
            <Tabs.Tab value="builder" leftSection={<IconSitemap size={15} />}>
              Builder
            </Tabs.Tab>
            <Tabs.Tab value="enrolments" leftSection={<IconListDetails size={15} />}>
              Enrolments
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
      </Box>

      {tab === 'enrolments' ? (
        <Box style={{ flex: 1, overflow: 'auto' }}>
          <EnrolmentsPanel journeyId={journey.id} stepName={stepName} live={running} />
        </Box>
      ) : (
        <Box style={{ flex: 1, display: 'flex', minHeight: 0 }}>
          <Box w={196} style={{ borderRight: '1px solid var(--mantine-color-gray-3)', flexShrink: 0 }} bg="white">
            <Palette onAdd={(type) => addStep(type)} hasTrigger={nodes.some((node) => node.data.config.type === 'trigger')} disabled={readOnly} />
          </Box>
          <Box style={{ flex: 1, position: 'relative', minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            {overlay.stats && <TotalsStrip stats={overlay.stats} live={journey.status === 'live'} />}
            <Box style={{ flex: 1, position: 'relative', minHeight: 0 }}>
              <CanvasProvider value={overlay}>
                <JourneyCanvas
                  nodes={nodes}
                  edges={edges}
                  onNodesChange={onNodesChange}
                  onEdgesChange={onEdgesChange}
                  onConnect={connect}
                  onDropStep={(type, position) => addStep(type, position)}
                  readOnly={readOnly}
                  fitOnStart={initial.nodes.length > 0}
                  withMiniMap={nodes.length > 8}
                />
              </CanvasProvider>
              <CanvasBanner problems={problems} general={generalProblems} stepName={stepName} onFocus={focusNode} dirty={dirty} />
              {nodes.length === 0 && (
                <Box style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', pointerEvents: 'none' }}>
                  <Box ta="center" maw={340}>
                    <IconTopologyStar3 size={36} color="var(--mantine-color-gray-5)" />
                    <Text fw={650} mt="xs">
                      Start with a trigger
                    </Text>
                    <Text fz="sm" c="dimmed">
                      Drag a trigger from the left onto the canvas, then the steps that follow. Join each exit to the next step.
                    </Text>
                  </Box>
                </Box>
              )}
            </Box>
          </Box>
          <Box w={372} style={{ borderLeft: '1px solid var(--mantine-color-gray-3)', flexShrink: 0, display: 'flex', flexDirection: 'column' }} bg="white">
            <Tabs value={panel} onChange={(value) => value && setPanel(value as Panel)} style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
              <Tabs.List grow>
                <Tabs.Tab value="step" leftSection={<IconAdjustments size={15} />}>
                  Step
                </Tabs.Tab>
                <Tabs.Tab value="settings" leftSection={<IconSitemap size={15} />}>
                  Settings
                </Tabs.Tab>
                <Tabs.Tab value="test" leftSection={<IconFlask size={15} />}>
                  Test
                </Tabs.Tab>
              </Tabs.List>
              <Box style={{ flex: 1, overflowY: 'auto' }}>
                <Tabs.Panel value="step">
                  {selected ? (
                    <StepPanel
                      key={selected.id}
                      node={selected}
                      nodes={nodes}
                      targets={Object.fromEntries(edges.filter((edge) => edge.source === selected.id).map((edge) => [edge.sourceHandle ?? 'next', edge.target]))}
                      journeyId={journey.id}
                      names={names}
                      problems={(problemsByNode.get(selected.id) ?? []).map((problem) => problem.message)}
                      readOnly={readOnly}
                      onChange={(config) => changeConfig(selected.id, config)}
                      onLabel={(label) => setNodes((current) => current.map((node) => (node.id === selected.id ? { ...node, data: { ...node.data, label: label || undefined } } : node)))}
                      onConnect={(exit, target) => connectExit(selected.id, exit, target)}
                      onDelete={() => deleteStep(selected.id)}
                    />
                  ) : (
                    <StepOutline nodes={nodes} names={names} problems={problemsByNode} onSelect={focusNode} />
                  )}
                </Tabs.Panel>
                <Tabs.Panel value="settings">
                  <SettingsPanel
                    rules={rules}
                    onChange={setRules}
                    description={description}
                    onDescription={setDescription}
                    versions={journey.versions}
                    liveVersion={journey.liveVersion}
                    names={names}
                    problems={generalProblems}
                    readOnly={readOnly}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="test">
                  <TestPanel
                    journeyId={journey.id}
                    status={journey.status}
                    nodes={nodes}
                    beforeSimulate={async () => !dirty || (await doSave()) !== null}
                    simulation={simulation}
                    onSimulation={(result) => {
                      setSimulation(result);
                      if (!result) setShownContact(null);
                    }}
                    shown={shownContact}
                    onShow={setShownContact}
                  />
                </Tabs.Panel>
              </Box>
            </Tabs>
          </Box>
        </Box>
      )}

      <LaunchModal
        opened={launchOpen}
        onClose={launchModal.close}
        publishing={running}
        nextVersion={(journey.versions.at(-1)?.version ?? 0) + 1}
        keptSteps={keptSteps}
        loading={launch.isPending}
        error={launch.error && !(launch.error instanceof LaunchRefused && launch.error.problems.length > 0) ? errorMessage(launch.error) : null}
        onLaunch={doLaunch}
      />
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title="Leave without saving?">
        <Stack>
          <Text fz="sm">The changes to {name || 'this journey'} since it was last saved will be lost.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Stay
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Leave
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ConfirmDialog
        opened={archiving}
        onCancel={() => setArchiving(false)}
        title="Archive journey"
        confirmLabel="Archive"
        onConfirm={() => {
          setArchiving(false);
          changeStatus('archive');
        }}
      >
        Archive {name}? Every contact in flight leaves the journey now, and it takes no one new. This cannot be undone.
      </ConfirmDialog>
    </Box>
  );
}

const SHOWN_PROBLEMS = 6;

/** Over the canvas: what blocks the launch. */
function CanvasBanner({ problems, general, stepName, onFocus, dirty }: {
  problems: Problem[];
  general: Problem[];
  stepName: (nodeId: string | null) => string;
  onFocus: (nodeId: string) => void;
  dirty: boolean;
}) {
  const [open, setOpen] = useState(true);
  return (
    <Box style={{ position: 'absolute', top: 12, left: 12, right: 12, display: 'flex', gap: 8, alignItems: 'flex-start', pointerEvents: 'none', zIndex: 5 }}>
      {problems.length > 0 && (
        <Alert
          color="red"
          variant="white"
          radius="md"
          p="xs"
          maw={460}
          // Steps dropped on it land on the canvas below: only its buttons take the pointer.
          style={{ pointerEvents: 'none', boxShadow: 'var(--mantine-shadow-sm)', border: '1px solid var(--mantine-color-red-3)' }}
          role="region"
          aria-label="Problems"
        >
          <UnstyledButton onClick={() => setOpen((value) => !value)} w="100%" style={{ pointerEvents: 'all' }} aria-expanded={open}>
            <Group gap={6} wrap="nowrap">
              <IconAlertTriangle size={16} color="var(--mantine-color-red-6)" />
              <Text fz="sm" fw={650} c="red.8" style={{ flex: 1 }}>
                {problems.length === 1 ? '1 problem blocks launch' : `${problems.length} problems block launch`}
                {dirty && (
                  <Text span fz="xs" c="dimmed" fw={400}>
                    {' '}
                    · as last saved
                  </Text>
                )}
              </Text>
              <IconChevronDown size={14} style={{ transform: open ? 'rotate(180deg)' : undefined }} />
            </Group>
          </UnstyledButton>
          {open && (
            <Box component="ul" m={0} mt={6} pl={22}>
              {problems.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
                <Text component="li" key={index} fz="xs" mb={2}>
                  {problem.nodeId && !general.includes(problem) ? (
                    <Anchor component="button" type="button" fz="xs" fw={600} onClick={() => onFocus(problem.nodeId!)} style={{ pointerEvents: 'all' }}>
                      {stepName(problem.nodeId)}
                    </Anchor>
                  ) : (
                    <Text span fz="xs" fw={600}>
                      Journey
                    </Text>
                  )}
                  : {problem.message}
                </Text>
              ))}
              {problems.length > SHOWN_PROBLEMS && (
                <Text component="li" fz="xs" c="dimmed">
                  and {problems.length - SHOWN_PROBLEMS} more, on their steps
                </Text>
              )}
            </Box>
          )}
        </Alert>
      )}
    </Box>
  );
}

/** The journey's name as the page title, edited in place; as wide as what it says. */
function NameInput({ value, onChange, disabled }: { value: string; onChange: (value: string) => void; disabled: boolean }) {
  const font = { fontSize: 22, fontWeight: 650, padding: '0 6px', whiteSpace: 'pre' } as const;
  // A little more room than the text, so the input never scrolls it.
  const twin = { ...font, paddingRight: 18 } as const;
  return (
    <Box pos="relative" miw={120} maw="100%" style={{ flex: '0 1 auto', marginLeft: -6, overflow: 'hidden' }}>
      {/* The hidden twin sets the width; the input lies over it. */}
      <Box component="span" aria-hidden style={{ ...twin, visibility: 'hidden', display: 'block', height: 34 }}>
        {value || 'Name the journey'}
      </Box>
      <TextInput
        aria-label="Journey name"
        variant="unstyled"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        placeholder="Name the journey"
        disabled={disabled}
        title="Rename the journey"
        pos="absolute"
        inset={0}
        styles={{ input: { ...font, height: 34, borderRadius: 6, textOverflow: 'ellipsis' } }}
      />
    </Box>
  );
}

const TOTALS: { key: keyof JourneyStats['totals']; label: string }[] = [
  { key: 'entered', label: 'Entered' },
  { key: 'active', label: 'In flight' },
  { key: 'completed', label: 'Completed' },
  { key: 'converted', label: 'Converted' },
  { key: 'exited', label: 'Exited' },
];

/** How the published journey is doing, above the canvas; each step shows its own numbers. */
function TotalsStrip({ stats, live }: { stats: JourneyStats; live: boolean }) {
  const { totals } = stats;
  return (
    <Group gap="lg" px="md" py={8} wrap="nowrap" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', overflow: 'hidden' }} role="group" aria-label="Journey totals">
      {TOTALS.map(({ key, label }) => (
        <Group key={key} gap={6} wrap="nowrap" align="baseline" aria-label={`${label} ${totals[key]}`}>
          <Text fz="lg" fw={700} lh={1}>
            {totals[key].toLocaleString()}
          </Text>
          <Text fz="xs" c="dimmed" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {label}
            {key === 'converted' && totals.entered > 0 ? ` · ${Math.round((totals.converted / totals.entered) * 100)}%` : ''}
          </Text>
        </Group>
      ))}
      <Group gap={6} ml="auto" wrap="nowrap">
        <Box w={8} h={8} style={{ borderRadius: 8, background: live ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-yellow-6)' }} />
        <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {live ? 'Live' : 'Paused'}
          {stats.version !== null ? ` · v${stats.version}` : ''}
        </Text>
      </Group>
    </Group>
  );
}

/** With no step selected: every step, to pick one from (also without a mouse). */
function StepOutline({ nodes, names, problems, onSelect }: {
  nodes: StepNode[];
  names: JourneyNames;
  problems: Map<string, Problem[]>;
  onSelect: (nodeId: string) => void;
}) {
  // Top to bottom, as the canvas reads.
  const ordered = [...nodes].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  return (
    <Box p="md">
      <Text fw={650} fz="sm">
        No step selected
      </Text>
      <Text fz="xs" c="dimmed" mb="sm">
        Select a step on the canvas or below to set it up; add steps from the left.
      </Text>
      <Stack gap={4} role="list" aria-label="Steps of the journey">
        {ordered.map((node) => {
          const kind = kindOf(node.data.config.type);
          const invalid = (problems.get(node.id) ?? []).length > 0;
          return (
            <UnstyledButton
              key={node.id}
              role="listitem"
              onClick={() => onSelect(node.id)}
              p={6}
              style={{ borderRadius: 8, border: `1px solid var(--mantine-color-${invalid ? 'red-3' : 'gray-2'})` }}
            >
              <Group gap={8} wrap="nowrap">
                <ThemeIcon size={24} radius="md" variant="light" color={kind.color}>
                  <kind.icon size={14} />
                </ThemeIcon>
                <Box miw={0} style={{ flex: 1 }}>
                  <Text fz="xs" fw={600} c="dimmed" lh={1.2}>
                    {node.data.label || kind.label}
                  </Text>
                  <Text fz="sm" truncate>
                    {summarize(node.data.config, names)}
                  </Text>
                </Box>
                {invalid && <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />}
              </Group>
            </UnstyledButton>
          );
        })}
      </Stack>
    </Box>
  );
}
