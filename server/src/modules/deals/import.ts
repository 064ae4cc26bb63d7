import { sql } from 'kysely';
import { withSavepoint } from '../../platform/db/savepoint.js';
import { badRequest, isHttpError } from '../../platform/http/errors.js';
import { findContactByEmail, getCompany, registerImportWriter } from '../contacts/index.js';
import { createDeal } from './deals.js';
import { listPipelines } from './pipelines.js';

/**
 * Deals from a CSV: each row becomes a new deal through the same service as the API (stage
 * history, timeline), found in its pipeline and stage by name, linked to its company and
 * contact when they exist. Deals have no natural key, so nothing is matched or updated.
 */
export function registerDealImport(): void {
  registerImportWriter('deal', async (db, clock, workspaceId, run, rows, counts) => {
    const pipelines = await listPipelines(db, clock, workspaceId);
    const actor = { type: 'system' as const, label: `import of ${run.fileName}` };
    for (const row of rows) {
      const values = row.values as Record<string, string | number | undefined>;
      // A row that fails half-way leaves nothing behind: each row is its own savepoint.
      try {
        await withSavepoint(db, async () => {
          const pipeline = values.pipeline
            ? pipelines.find((p) => p.name.toLowerCase() === String(values.pipeline).toLowerCase())
            : pipelines[0];
          if (!pipeline) throw badRequest(`pipeline "${values.pipeline}" does not exist`, 'pipeline');
          const stage = values.stage
            ? pipeline.stages.find((s) => s.name.toLowerCase() === String(values.stage).toLowerCase())
            : pipeline.stages.find((s) => s.kind === 'open');
          if (!stage) throw badRequest(`stage "${values.stage}" is not a stage of ${pipeline.name}`, 'stage');
          let companyId: string | undefined;
          if (row.companyDomain || row.companyName) {
            const company = await db.selectFrom('companies').select('id').where('workspace_id', '=', workspaceId)
              .where((eb) => row.companyDomain ? eb('domain', '=', row.companyDomain) : eb(sql`lower(name)`, '=', row.companyName!.toLowerCase()))
              .executeTakeFirst();
            if (!company) throw badRequest(`company ${row.companyDomain ?? row.companyName} does not exist; import companies first`, row.companyDomain ? 'companyDomain' : 'companyName');
            companyId = (await getCompany(db, workspaceId, company.id)).id;
          }
          const contact = values.contact_email ? await findContactByEmail(db, workspaceId, String(values.contact_email)) : null;
          if (values.contact_email && !contact) throw badRequest(`contact ${values.contact_email} does not exist`, 'contactEmail');
          await createDeal(db, clock, workspaceId, actor, {
            name: String(values.name), pipelineId: pipeline.id, stageId: stage.id,
            amount: values.amount as number | undefined, currency: values.currency as string | undefined,
            expectedCloseDate: values.expected_close_date as string | undefined, ownerId: values.owner_id as string | undefined,
            companyId, lostReason: values.lost_reason as string | undefined, custom: row.custom,
            contacts: contact ? [{ contactId: contact.id, role: null }] : undefined,
          });
        });
        counts.created++;
      } catch (error) {
        if (!isHttpError(error)) throw error;
        counts.reject(row.line, error.field ?? null, error.message, row.values);
      }
    }
  });
}
