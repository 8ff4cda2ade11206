import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AppEnv } from '../env.ts';
import { apiError, notFound, onError } from './errors.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import { openApiDocument } from './openapi.ts';
import { analytics } from './routes/analytics.ts';
import { apiKeys } from './routes/api-keys.ts';
import { botChat } from './routes/bot-chat.ts';
import { bots } from './routes/bots.ts';
import { calls } from './routes/calls.ts';
import { companies } from './routes/companies.ts';
import { docs } from './routes/docs.ts';
import { health } from './routes/health.ts';
import { internalBots } from './routes/internal-bots.ts';
import { knowledge } from './routes/knowledge.ts';
import { internalCalls } from './routes/internal-calls.ts';
import { outboundCalls } from './routes/outbound-calls.ts';
import { phoneNumbers } from './routes/phone-numbers.ts';
import { maintenance } from './routes/maintenance.ts';
import { recordings } from './routes/recordings.ts';
import { retention } from './routes/retention.ts';
import { webhooks } from './routes/webhooks.ts';
import { notifications } from './routes/notifications.ts';
import { integrations } from './routes/integrations.ts';
import { doNotCall } from './routes/do-not-call.ts';
import { reminders } from './routes/reminders.ts';
import { bookingAppointmentsRoutes } from './routes/booking-appointments.ts';
import { bookingHoursRoutes } from './routes/booking-hours.ts';
import { bookingServicesRoutes } from './routes/booking-services.ts';
import { bookingStaffRoutes } from './routes/booking-staff.ts';
import { internalBooking } from './routes/internal-booking.ts';
import { panelApp } from './routes/panel-app.ts';
import { panelAuth } from './routes/panel-auth.ts';
import { panelBotVersions } from './routes/panel-bot-versions.ts';
import { panelTestCall } from './routes/panel-test-call.ts';
import { panelWebCall } from './routes/panel-web-call.ts';
import { panelUsers } from './routes/panel-users.ts';

export { MAX_BODY_BYTES };
const UPLOAD_PATH = /^\/bots\/[^/]+\/knowledge\/?$/;

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw apiError(413, 'payload_too_large', `request body exceeds ${MAX_BODY_BYTES} bytes`);
  },
});

export const app = new OpenAPIHono<AppEnv>();

app.use('*', requestId());
app.use('*', (c, next) => (c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path) ? next() : limitBody(c, next)));

app.route('/', health);
app.route('/', docs);
app.route('/', panelApp);
app.route('/companies', companies);
app.route('/companies', apiKeys);
app.route('/companies', retention);
app.route('/companies', panelUsers);
app.route('/panel', panelAuth);
app.route('/bots', knowledge);
app.route('/bots', phoneNumbers);
app.route('/bots', outboundCalls);
app.route('/bots', panelTestCall);
app.route('/bots', panelBotVersions);
app.route('/bots', panelWebCall);
app.route('/bots', botChat); // before `bots`: its company-key middleware must not answer first
app.route('/bots', bots);
app.route('/bots', bookingServicesRoutes);
app.route('/bots', bookingStaffRoutes);
app.route('/bots', bookingHoursRoutes);
app.route('/bots', bookingAppointmentsRoutes);
app.route('/internal', internalBooking);
app.route('/calls', calls);
app.route('/recordings', recordings);
app.route('/maintenance', maintenance);
app.route('/internal', internalBots);
app.route('/internal', internalCalls);
app.route('/webhooks', webhooks);
app.route('/notifications', notifications);
app.route('/integrations', integrations);
app.route('/reminders', reminders);
app.route('/do-not-call', doNotCall);
app.route('/analytics', analytics);

let spec: ReturnType<typeof openApiDocument> | undefined;
app.get('/openapi.json', (c) => c.json((spec ??= openApiDocument(app))));

app.notFound(notFound);
app.onError(onError);
