import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { Logger } from './logger.js';

/** What every module's services and routes are given: no globals, so tests build their own. */
export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
}
