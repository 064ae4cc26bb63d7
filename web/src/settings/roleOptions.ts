import { ROLES } from '../api/types';
import { ROLE_LABELS } from '../app/format';

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
