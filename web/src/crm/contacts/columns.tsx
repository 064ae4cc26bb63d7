import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../app/format';
import { formatCustomValue } from '../shared/fields';
import { OwnerName } from '../shared/OwnerSelect';
import { contactName } from '../shared/queries';
import { CompanyLink, LifecycleBadge, TagList } from '../shared/RecordBits';
import type { Column } from '../shared/RecordTable';
import type { Contact, CustomField } from '../types';

const text = (value: string | null) => (value ? value : <Text span c="dimmed" fz="sm">—</Text>);

export function contactColumns(customFields: CustomField[]): Column<Contact>[] {
  return [
    {
      id: 'name',
      label: 'Name',
      sort: 'last_name',
      fixed: true,
      render: (contact) => (
        <Anchor component={Link} to={`/contacts/${contact.id}`} fz="sm" fw={500}>
          {contactName(contact)}
        </Anchor>
      ),
    },
    { id: 'email', label: 'Email', sort: 'email', defaultVisible: true, maxWidth: 220, render: (c) => text(c.email) },
    { id: 'company', label: 'Company', defaultVisible: true, maxWidth: 200, render: (c) => <CompanyLink id={c.companyId} /> },
    { id: 'jobTitle', label: 'Job title', defaultVisible: true, maxWidth: 180, render: (c) => text(c.jobTitle) },
    { id: 'phone', label: 'Phone', render: (c) => text(c.phone) },
    { id: 'lifecycleStage', label: 'Lifecycle stage', sort: 'lifecycle_stage', defaultVisible: true, render: (c) => <LifecycleBadge stage={c.lifecycleStage} /> },
    { id: 'owner', label: 'Owner', defaultVisible: true, render: (c) => <OwnerName userId={c.ownerId} /> },
    { id: 'country', label: 'Country', sort: 'country', render: (c) => text(c.country) },
    { id: 'city', label: 'City', render: (c) => text(c.city) },
    { id: 'tags', label: 'Tags', render: (c) => <TagList tags={c.tags} /> },
    { id: 'source', label: 'Source', render: (c) => text(c.source) },
    { id: 'persona', label: 'Persona', render: (c) => text(c.persona) },
    { id: 'createdAt', label: 'Created', sort: 'created_at', defaultVisible: true, render: (c) => formatDate(c.createdAt) },
    { id: 'updatedAt', label: 'Updated', sort: 'updated_at', render: (c) => formatDate(c.updatedAt) },
    ...customFields.map(
      (field): Column<Contact> => ({
        id: `custom.${field.key}`,
        label: field.label,
        sort: `custom.${field.key}`,
        render: (c) => text(c.custom[field.key] === undefined ? null : formatCustomValue(c.custom[field.key], field)),
      }),
    ),
  ];
}
