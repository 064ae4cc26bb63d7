import Type from 'typebox';
import type { AdjustableClock } from './clock.js';
import { DateTime } from './http/schema-types.js';
import { notFound } from './http/errors.js';
import type { TandemModule } from './module.js';

/**
 * GET tells whether the clock may be moved; POST moves it forward. Only with
 * TANDEM_TEST_CLOCK=true (the end-to-end suite), and only for admins.
 */
export const testClockModule: TandemModule = {
  name: 'test-clock',
  routes: async (app, { ctx }) => {
    app.get('/test/clock', {
      config: { access: 'workspace:read' },
      schema: { tags: ['test'], summary: 'Whether this is a test environment whose clock can be moved, and its time', response: { 200: Type.Object({ enabled: Type.Boolean(), now: DateTime }) } },
    }, async () => ({ enabled: ctx.config.testClock, now: ctx.clock.now() }));

    app.post('/test/clock', {
      config: { access: 'members:manage' },
      schema: {
        tags: ['test'], summary: 'Move the clock forward, or back to the system time (test environments only)',
        body: Type.Union([
          Type.Object({ advanceMs: Type.Integer({ minimum: 1, maximum: 366 * 86_400_000 }) }, { additionalProperties: false }),
          Type.Object({ reset: Type.Literal(true) }, { additionalProperties: false }),
        ]),
        response: { 200: Type.Object({ enabled: Type.Boolean(), now: DateTime }) },
      },
    }, async (request) => {
      if (!ctx.config.testClock) throw notFound('Test clock');
      const clock = ctx.clock as AdjustableClock;
      if ('reset' in request.body) clock.reset();
      else clock.advance(request.body.advanceMs);
      return { enabled: true, now: ctx.clock.now() };
    });
  },
};
