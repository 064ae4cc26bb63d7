import { Anchor, Paper, Tabs, Text, Title } from '@mantine/core';
import { CodeBlock } from '../../components/CodeBlock';

interface ExamplesCardProps {
  /** Base URL of the collection API. */
  collectUrl: string;
  writeKey: string;
}

/** How to identify people and send events, from the browser and from servers through Segment's libraries. */
export function ExamplesCard({ collectUrl, writeKey }: ExamplesCardProps) {
  const examples = [
    {
      value: 'browser',
      label: 'Browser',
      code: `// After sign-up or log-in: this browser's visits, past ones too, join the person
tandem.identify('user-123', { email: 'ada@example.com', firstName: 'Ada', plan: 'pro' });

// Whatever the person does that matters
tandem.track('Signed Up', { plan: 'pro', seats: 5 });

// On log-out
tandem.reset();`,
    },
    {
      value: 'node',
      label: 'Node.js',
      code: `// npm install @segment/analytics-node
import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({ writeKey: '${writeKey}', host: '${collectUrl}' });

analytics.identify({ userId: 'user-123', traits: { email: 'ada@example.com', plan: 'pro' } });
analytics.track({ userId: 'user-123', event: 'Subscription Renewed', properties: { plan: 'pro' } });`,
    },
    {
      value: 'python',
      label: 'Python',
      code: `# pip install segment-analytics-python
import segment.analytics as analytics

analytics.write_key = '${writeKey}'
analytics.host = '${collectUrl}'

analytics.identify('user-123', {'email': 'ada@example.com', 'plan': 'pro'})
analytics.track('user-123', 'Subscription Renewed', {'plan': 'pro'})`,
    },
    {
      value: 'http',
      label: 'HTTP',
      code: `curl ${collectUrl}/v1/track \\
  -u '${writeKey}:' \\
  -H 'Content-Type: application/json' \\
  -d '{"userId": "user-123", "event": "Subscription Renewed", "properties": {"plan": "pro"}}'`,
    },
  ];

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="examples-heading">
      <Title order={2} fz="lg" id="examples-heading" mb={4}>
        Identify people and track what they do
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        Tandem speaks the{' '}
        <Anchor href="https://segment.com/docs/connections/spec/" target="_blank" rel="noreferrer" fz="sm">
          Segment spec
        </Anchor>
        : from your servers, use any Segment library pointed at <Text span ff="monospace" fz="sm">{collectUrl}</Text>.
      </Text>
      <Tabs defaultValue="browser" keepMounted={false}>
        <Tabs.List mb="sm">
          {examples.map((example) => (
            <Tabs.Tab key={example.value} value={example.value}>
              {example.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {examples.map((example) => (
          <Tabs.Panel key={example.value} value={example.value}>
            <CodeBlock code={example.code} label={`${example.label} example`} copyLabel={`Copy ${example.label} example`} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Paper>
  );
}
