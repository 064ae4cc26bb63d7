import type { RouteObject } from 'react-router';
import { CompaniesPage } from '../companies/CompaniesPage';
import { CompanyPage } from '../companies/CompanyPage';
import { ContactPage } from './ContactPage';
import { ContactsPage } from './ContactsPage';

/** Contacts and companies screens (paths relative to the app root, e.g. 'contacts/:id'). */
export const contactRoutes: RouteObject[] = [
  { path: 'contacts', element: <ContactsPage /> },
  { path: 'contacts/:id', element: <ContactPage /> },
  { path: 'companies', element: <CompaniesPage /> },
  { path: 'companies/:id', element: <CompanyPage /> },
];
