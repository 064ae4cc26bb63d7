import { stopServer } from './server';

export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.TANDEM_E2E_SERVER_PID);
  if (pid) await stopServer(pid);
}
