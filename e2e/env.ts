import os from 'node:os';
import path from 'node:path';

/** Where the suite's server listens; override when the defaults are taken. */
export const E2E_PORT = Number(process.env.TANDEM_E2E_PORT ?? 3917);
export const E2E_PG_PORT = Number(process.env.TANDEM_E2E_PG_PORT ?? 54391);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DIR = process.env.TANDEM_E2E_DIR ?? path.join(os.tmpdir(), 'tandem-e2e');

export const WORKSPACE_NAME = 'E2E Co';
export const ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-1' };

/** The signed-in admin's cookies, saved by the global setup. */
export const ADMIN_STATE = path.join(E2E_DIR, 'admin-state.json');
