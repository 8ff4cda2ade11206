import { createRoute, z } from '@hono/zod-openapi';
import { AccessToken, AgentDispatchClient } from 'livekit-server-sdk';
import { LivekitCallError, livekitAccess, ROOM_PREFIX } from '../../telephony/livekit-sip.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';

/** A browser test call joins within this time; the room goes away when everyone leaves. */
const TOKEN_TTL_S = 10 * 60;

const WebCallSchema = z.object({
  url: z.string().describe('LiveKit server URL for the browser (livekit-client `room.connect(url, token)`)'),
  token: z.string().describe('Join token for this room only, valid 10 minutes: publish the microphone, hear the bot'),
  room: z.string(),
  dispatch_id: z.string(),
});

/** `POST /bots/{id}/web-call`: a voice test call from the browser — a new room with the agent dispatched and a join token. */
export const panelWebCall = createRouter();
panelWebCall.use('/:id/web-call', auth());

panelWebCall.openapi(
  createRoute({
    method: 'post', path: '/{id}/web-call', tags: ['panel'],
    summary: 'A voice test call in the browser: a LiveKit room with the bot\'s agent dispatched, and a join token for it',
    request: { params: z.object({ id: z.string().min(1) }) },
    responses: {
      201: jsonResponse(WebCallSchema, 'Room ready; the agent is on its way'),
      ...errorResponses({ 401: 'Missing or invalid credentials', 404: 'Bot not found', 502: 'LiveKit failed', 503: 'LiveKit is not configured' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const resolved = livekitAccess(c.env);
    if (!('access' in resolved)) throw apiError(503, 'voice_not_configured', `browser voice calls need LiveKit: set ${resolved.missing.join(', ')}`, { missing: resolved.missing });
    const { host, apiKey, apiSecret, agentName } = resolved.access;
    const room = `${ROOM_PREFIX}web-${crypto.randomUUID().slice(0, 12)}`;
    let dispatchId: string;
    try {
      const metadata = JSON.stringify({ bot_id: bot.id, direction: 'inbound', channel: 'web' });
      dispatchId = (await new AgentDispatchClient(host, apiKey, apiSecret).createDispatch(room, agentName, { metadata })).id;
    } catch (e) {
      const err = new LivekitCallError(`dispatching the agent to ${room}`, e);
      throw apiError(502, 'livekit_failed', err.message);
    }
    const person = c.get('panelUser');
    const at = new AccessToken(apiKey, apiSecret, { identity: `web-${person?.id ?? 'key'}-${crypto.randomUUID().slice(0, 6)}`, name: person?.email ?? 'panel', ttl: TOKEN_TTL_S });
    at.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true });
    return c.json({ url: c.env.LIVEKIT_URL!.trim(), token: await at.toJwt(), room, dispatch_id: dispatchId }, 201);
  },
);
