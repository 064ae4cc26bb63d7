import type { Generated, Timestamp } from '../../platform/db/schema.js';

export interface PageTables {
  landing_pages: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    slug: string;
    status: Generated<'draft' | 'published' | 'archived'>;
    title: string;
    description: Generated<string>;
    variants: unknown;
    published_at: Timestamp | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  landing_page_stats: {
    workspace_id: string;
    page_id: string;
    variant: string;
    day: string;
    views: Generated<number>;
    visitors: Generated<number>;
    conversions: Generated<number>;
  };
}
