import type { ColumnType, Generated } from 'kysely';
import type { AccountTables } from '../../modules/accounts/tables.js';
import type { ContactTables, ImportTables, QualityTables, SearchTables } from '../../modules/contacts/tables.js';
import type { DealTables } from '../../modules/deals/tables.js';
import type { EventTables } from '../../modules/events/tables.js';
import type { JobTables } from '../jobs/tables.js';
import type { OutboxTables } from '../outbox.js';
import type { SegmentTables } from '../../modules/segments/tables.js';
import type { ScoringTables } from '../../modules/scoring/tables.js';
import type { LifecycleTables } from '../../modules/lifecycle/tables.js';
import type { EmailTables, MessagingTables } from '../../modules/messaging/tables.js';
import type { JourneyTables } from '../../modules/journeys/tables.js';
import type { FormTables } from '../../modules/forms/tables.js';
import type { PageTables } from '../../modules/pages/tables.js';
import type { PersonalisationTables } from '../../modules/personalisation/tables.js';

/** Timestamps are written as Date and read back as Date (pg's default parser). */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type { Generated };

/** The whole database as Kysely sees it: each module contributes its own tables. */
export interface Database extends AccountTables, ContactTables, ImportTables, QualityTables, SearchTables, DealTables, EventTables, SegmentTables, ScoringTables, LifecycleTables, MessagingTables, EmailTables, JourneyTables, FormTables, PageTables, PersonalisationTables, JobTables, OutboxTables {}
