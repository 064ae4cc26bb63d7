import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../app/format';
import { formatCustomValue } from '../shared/fields';
import { OwnerName } from '../shared/OwnerSelect';
import { TagList } from '../shared/RecordBits';
import type { Column } from '../shared/RecordTable';
import type { Company, CustomField } from '../types';

const text = (value: string | null) => (value ? value : <Text span c="dimmed" fz="sm">—</Text>);

export function companyColumns(customFields: CustomField[]): Column<Company>[] {
  return [
    {
      id: 'name',
      label: 'Name',
      sort: 'name',
      fixed: true,
      render: (company) => (
        <Anchor component={Link} to={`/companies/${company.id}`} fz="sm" fw={500}>
          {company.name}
        </Anchor>
      ),
    },
    { id: 'domain', label: 'Domain', sort: 'domain', defaultVisible: true, render: (c) => text(c.domain) },
    { id: 'industry', label: 'Industry', defaultVisible: true, render: (c) => text(c.industry) },
    {
      id: 'employeeCount',
      label: 'Employees',
      sort: 'employee_count',
      defaultVisible: true,
      render: (c) => (c.employeeCount === null ? text(null) : c.employeeCount.toLocaleString()),
    },
    { id: 'revenueBand', label: 'Revenue band', render: (c) => text(c.revenueBand) },
    { id: 'country', label: 'Country', defaultVisible: true, render: (c) => text(c.country) },
    { id: 'owner', label: 'Owner', defaultVisible: true, render: (c) => <OwnerName userId={c.ownerId} /> },
    { id: 'tags', label: 'Tags', defaultVisible: true, render: (c) => <TagList tags={c.tags} /> },
    { id: 'createdAt', label: 'Created', sort: 'created_at', defaultVisible: true, render: (c) => formatDate(c.createdAt) },
    { id: 'updatedAt', label: 'Updated', sort: 'updated_at', render: (c) => formatDate(c.updatedAt) },
    ...customFields.map(
      (field): Column<Company> => ({
        id: `custom.${field.key}`,
        label: field.label,
        sort: `custom.${field.key}`,
        render: (c) => text(c.custom[field.key] === undefined ? null : formatCustomValue(c.custom[field.key], field)),
      }),
    ),
  ];
}
