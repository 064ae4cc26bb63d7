import type { TandemModule } from '../../platform/module.js';
import { registerContactDataSource } from '../contacts/index.js';
import { submissionData } from './privacy.js';
import { formPublicRoutes } from './public-routes.js';
import { formRoutes } from './routes.js';

export { formMarkup, type FieldError, keyedConsents } from './html.js';
export { activeFormIds, createForm, publicForm, type Form } from './forms.js';
export { countView, renderForm, submitForm } from './submit.js';
export { fieldErrors, generalErrors, readSubmission, submissionsLimited } from './public-routes.js';

registerContactDataSource(submissionData);

/** Forms: lead capture with consent, progressive profiling and spam protection, on any website. */
export const formsModule: TandemModule = {
  name: 'forms',
  routes: formRoutes,
  rootRoutes: formPublicRoutes,
};
