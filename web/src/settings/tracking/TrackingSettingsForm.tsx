import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import { useSaveTrackingSettings } from '../../events/api';
import type { TrackingSettingsInput } from '../../events/types';
import { TraitMappingsInput, type TraitMapping } from './TraitMappingsInput';

/**
 * The server names the entry at fault, e.g. `ownDomains[2]` or `traitMappings.plan`: the input of that
 * list shows the message, without the entry's name it starts with (the input already says where).
 */
function errorAt(error: unknown, field: string): string | undefined {
  if (!isApiError(error) || error.field === undefined) return undefined;
  const at = error.field;
  if (at !== field && !at.startsWith(`${field}[`) && !at.startsWith(`${field}.`)) return undefined;
  return error.message.startsWith(at) ? error.message.slice(at.length).replace(/^:?\s*/, '') : error.message;
}

const INPUT_FIELDS = ['retentionDays', 'ownDomains', 'partnerDomains', 'traitMappings'];

interface TrackingSettingsFormProps {
  settings: TrackingSettingsInput;
  /** Admins and marketers may change the settings; others see them. */
  canEdit: boolean;
}

export function TrackingSettingsForm({ settings, canEdit }: TrackingSettingsFormProps) {
  const save = useSaveTrackingSettings();
  const [retentionDays, setRetentionDays] = useState<number | string>(settings.retentionDays);
  const [requireConsent, setRequireConsent] = useState(settings.requireConsent);
  const [respectDoNotTrack, setRespectDoNotTrack] = useState(settings.respectDoNotTrack);
  const [ownDomains, setOwnDomains] = useState(settings.ownDomains);
  const [partnerDomains, setPartnerDomains] = useState(settings.partnerDomains);
  const [mappings, setMappings] = useState<TraitMapping[]>(
    Object.entries(settings.traitMappings).map(([trait, field]) => ({ trait, field })),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const complete = mappings.filter((row) => row.trait.trim() !== '' && row.field !== null);
    save.mutate(
      {
        retentionDays: Number(retentionDays),
        requireConsent,
        respectDoNotTrack,
        ownDomains,
        partnerDomains,
        traitMappings: Object.fromEntries(complete.map((row) => [row.trait.trim(), row.field!])),
      },
      { onSuccess: () => notifications.show({ color: 'green', message: 'Tracking settings saved.' }) },
    );
  };
  const unplaced = save.error && !INPUT_FIELDS.some((field) => errorAt(save.error, field)) ? errorMessage(save.error) : undefined;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="tracking-settings-heading">
      <Title order={2} fz="lg" id="tracking-settings-heading" mb={4}>
        Privacy, domains and traits
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        Changes reach the collection API within a few seconds. Consent and Do-Not-Track also change the snippet above: paste
        it again after changing them.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          {unplaced && (
            <Alert color="red" role="alert">
              {unplaced}
            </Alert>
          )}
          <NumberInput
            label="Keep events for"
            description="Older events are deleted; contacts and their first and last touch stay"
            suffix=" days"
            min={1}
            max={3650}
            allowDecimal={false}
            value={retentionDays}
            onChange={setRetentionDays}
            error={errorAt(save.error, 'retentionDays')}
            disabled={!canEdit}
            maw={380}
          />
          <Stack gap="sm">
            <Switch
              label="Require consent"
              description="The snippet sends and stores nothing until your cookie banner calls tandem.consent(true). Turn on where the law asks for opt-in, as in the EU."
              checked={requireConsent}
              onChange={(event) => setRequireConsent(event.currentTarget.checked)}
              disabled={!canEdit}
            />
            <Switch
              label="Respect Do Not Track"
              description="Browsers that send Do Not Track are not tracked at all."
              checked={respectDoNotTrack}
              onChange={(event) => setRespectDoNotTrack(event.currentTarget.checked)}
              disabled={!canEdit}
            />
          </Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <TagsInput
              label="Own domains"
              description="Other hosts of your brand (shop, docs, app): going between them is no referral"
              placeholder={canEdit ? 'e.g. shop.acme.com, then Enter' : undefined}
              value={ownDomains}
              onChange={setOwnDomains}
              error={errorAt(save.error, 'ownDomains')}
              disabled={!canEdit}
              clearable
            />
            <TagsInput
              label="Partner domains"
              description="Visits referred by these hosts are partner-owned touchpoints (affiliates, resellers)"
              placeholder={canEdit ? 'e.g. reseller.example, then Enter' : undefined}
              value={partnerDomains}
              onChange={setPartnerDomains}
              error={errorAt(save.error, 'partnerDomains')}
              disabled={!canEdit}
              clearable
            />
          </SimpleGrid>
          <TraitMappingsInput
            value={mappings}
            onChange={setMappings}
            errorOf={(trait) => errorAt(save.error, `traitMappings.${trait}`)}
            disabled={!canEdit}
          />
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save tracking settings
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
