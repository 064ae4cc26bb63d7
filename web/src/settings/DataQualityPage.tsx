import { Alert, Button, Flex, Group, MultiSelect, Paper, Progress, RingProgress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, fieldError, formError } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { fieldLabel, QUALITY_FIELDS } from '../crm/shared/fields';
import { qualityKey, useCustomFields, useDataQuality, useMemberNames, type QualityReport } from '../crm/shared/queries';

type QualityObject = 'contact' | 'company';

const OBJECTS = [
  { value: 'contact', label: 'Contacts' },
  { value: 'company', label: 'Companies' },
];

function scoreColor(score: number): string {
  return score >= 80 ? 'teal' : score >= 50 ? 'yellow' : 'red';
}

export function DataQualityPage() {
  const me = useCurrentMe();
  const isAdmin = me.workspace.role === 'admin';
  const [objectType, setObjectType] = useState<QualityObject>('contact');
  const report = useDataQuality(objectType);

  return (
    <>
      <PageHeader
        title="Data quality"
        description="Which fields every record must have, which fields make a profile complete, and how complete each owner's records are."
      />
      {!isAdmin && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="lg">
          You need the admin role to change the rules; the report is open to everyone.
        </Alert>
      )}
      <SegmentedControl
        aria-label="Object"
        data={OBJECTS}
        value={objectType}
        onChange={(value) => setObjectType(value as QualityObject)}
        mb="md"
      />
      {report.isPending ? (
        <LoadingBlock />
      ) : report.isError ? (
        <ErrorBlock error={report.error} />
      ) : (
        <Stack gap="xl">
          <RulesForm key={objectType} objectType={objectType} report={report.data} canEdit={isAdmin} />
          <QualityReportView objectType={objectType} report={report.data} />
        </Stack>
      )}
    </>
  );
}

function RulesForm({ objectType, report, canEdit }: { objectType: QualityObject; report: QualityReport; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const customFields = useCustomFields(objectType);
  const [required, setRequired] = useState(report.requiredFields);
  const [completeness, setCompleteness] = useState(report.completenessFields);
  useEffect(() => {
    setRequired(report.requiredFields);
    setCompleteness(report.completenessFields);
  }, [report.requiredFields, report.completenessFields]);

  const save = useMutation({
    mutationFn: () =>
      api<{ requiredFields: string[]; completenessFields: string[] }>('/data-quality/rules', {
        method: 'PUT',
        body: { objectType, requiredFields: required, completenessFields: completeness },
      }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Data-quality rules saved.' });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: qualityKey(objectType) }),
        // Completeness scores on profiles change with the rules.
        queryClient.invalidateQueries({ queryKey: [objectType === 'contact' ? 'contacts' : 'companies'] }),
      ]);
    },
  });

  const fields = customFields.data ?? [];
  const standard = QUALITY_FIELDS[objectType].map((field) => ({ value: field, label: fieldLabel(field) }));
  const custom = fields.map((field) => ({ value: `custom.${field.key}`, label: field.label }));
  const requiredOptions = objectType === 'company' ? standard.filter((option) => option.value !== 'name') : standard;
  const completenessOptions = custom.length ? [{ group: 'Standard fields', items: standard }, { group: 'Custom fields', items: custom }] : standard;
  const dirty =
    JSON.stringify(required) !== JSON.stringify(report.requiredFields) ||
    JSON.stringify(completeness) !== JSON.stringify(report.completenessFields);
  const message = formError(save.error, ['requiredFields', 'completenessFields']);

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="rules-heading">
      <Title order={2} fz="lg" id="rules-heading" mb={4}>
        Rules
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        Required fields are checked whenever a record is created, edited or imported. Required custom fields are set on
        the field itself, in Custom fields.
      </Text>
      <Stack gap="md">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <MultiSelect
            label="Required fields"
            description="A record without them is refused, with the field named"
            placeholder={required.length ? undefined : 'None'}
            data={requiredOptions}
            value={required}
            onChange={setRequired}
            disabled={!canEdit}
            clearable
            searchable
            error={fieldError(save.error, 'requiredFields')}
            comboboxProps={{ withinPortal: true }}
          />
          <MultiSelect
            label="Completeness fields"
            description="The profile's completeness score is the share of these it has"
            data={completenessOptions}
            value={completeness}
            onChange={setCompleteness}
            disabled={!canEdit}
            searchable
            error={fieldError(save.error, 'completenessFields') ?? (completeness.length === 0 ? 'Choose at least one field' : undefined)}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        {canEdit && (
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              disabled={!dirty}
              onClick={() => {
                setRequired(report.requiredFields);
                setCompleteness(report.completenessFields);
                save.reset();
              }}
            >
              Discard changes
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty || completeness.length === 0}>
              Save rules
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function QualityReportView({ objectType, report }: { objectType: QualityObject; report: QualityReport }) {
  const names = useMemberNames();
  const noun = objectType === 'contact' ? 'contacts' : 'companies';
  // Worst first: where the work is.
  const owners = [...report.byOwner].sort((a, b) => a.completeness - b.completeness || b.records - a.records);
  const overall = Math.round(report.overall.completeness);

  return (
    <section aria-labelledby="report-heading">
      <Title order={2} fz="lg" id="report-heading" mb="sm">
        Completeness report
      </Title>
      <Flex gap="lg" direction={{ base: 'column', md: 'row' }} align={{ base: 'stretch', md: 'flex-start' }}>
        <Paper withBorder radius="md" p="lg" w={{ base: '100%', md: 340 }} style={{ flexShrink: 0 }}>
          <Group gap="lg" wrap="nowrap">
            <RingProgress
              size={110}
              thickness={10}
              roundCaps
              sections={[{ value: overall, color: scoreColor(overall) }]}
              label={
                <Text ta="center" fz={22} fw={700}>
                  {overall}%
                </Text>
              }
              aria-label={`Overall completeness ${overall}%`}
            />
            <div>
              <Text fz="sm" c="dimmed">
                Overall completeness
              </Text>
              <Text fz="xl" fw={650}>
                {report.overall.records.toLocaleString()} {noun}
              </Text>
              <Text fz="xs" c="dimmed" mt={4}>
                Average share of the {report.completenessFields.length} completeness fields filled in
              </Text>
            </div>
          </Group>
        </Paper>
        <Paper withBorder radius="md" style={{ flex: 1, minWidth: 0, overflow: 'hidden' }}>
          {owners.length === 0 ? (
            <Text fz="sm" c="dimmed" p="lg">
              No {noun} yet.
            </Text>
          ) : (
            <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Completeness by owner">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th ta="right" w={110}>
                    Records
                  </Table.Th>
                  <Table.Th w="45%">Completeness</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {owners.map((owner) => {
                  const score = Math.round(owner.completeness);
                  return (
                    <Table.Tr key={owner.ownerId ?? 'none'}>
                      <Table.Td>
                        {owner.ownerId ? (
                          <Text fz="sm">{names.get(owner.ownerId) ?? owner.ownerEmail ?? 'Former member'}</Text>
                        ) : (
                          <Text fz="sm" c="dimmed">
                            No owner
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text fz="sm">{owner.records.toLocaleString()}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="sm" wrap="nowrap">
                          <Progress value={score} color={scoreColor(score)} size="md" radius="xl" style={{ flex: 1 }} aria-label={`${score}% complete`} />
                          <Text fz="sm" fw={500} w={44} ta="right">
                            {score}%
                          </Text>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Flex>
    </section>
  );
}
