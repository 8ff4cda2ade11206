import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { signWebhook } from '../../workers/postcall/sign.ts';
import { callResult, message, receiverUrl, registerWebhook, runQueue, seedCall, stubNetwork } from './postcall-support.ts';
import { createCompanyWithBot } from './support.ts';

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

const QUEUE = 'voicebot-postcall';

/** What a receiver does with the published library: verify, or get a WebhookVerificationError. */
function receive(secret: string, sent: { headers: Headers; body: string }) {
  return new Webhook(secret).verify(sent.body, Object.fromEntries(sent.headers)) as { id: string; type: string; data: Record<string, unknown> };
}

describe('webhook signatures by the Standard Webhooks spec', () => {
  it('signs the spec example exactly as the spec does', async () => {
    expect(await signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'))
      .toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('a delivered call.completed event verifies with the standardwebhooks library; a changed body or another secret does not', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('standard');
    net.on(url, () => new Response('ok', { status: 200 }));
    const hook = await registerWebhook(company.key, url);
    expect(hook.secret).toMatch(/^whsec_[0-9A-Za-z+/]{43}=$/);
    const call = await seedCall(callResult(bot.id));

    await runQueue(QUEUE, [message({ callId: call.id })]);
    const [sent] = net.to(url);
    expect(sent).toBeDefined();
    expect(sent!.headers.get('webhook-signature')).toMatch(/^v1,[0-9A-Za-z+/]{43}=$/);

    const event = receive(hook.secret, sent!);
    expect(event).toMatchObject({ id: sent!.headers.get('webhook-id'), type: 'call.completed', data: { call_id: call.id, bot_id: bot.id } });

    const tampered = { headers: sent!.headers, body: sent!.body.replace('маникюр', 'педикюр') };
    expect(() => receive(hook.secret, tampered)).toThrow(WebhookVerificationError);
    expect(() => receive('whsec_d3Jvbmcgc2VjcmV0IGtleSBmb3IgdGVzdHM=', sent!)).toThrow(WebhookVerificationError);
  });

  it('a secret issued before the switch (whsec_ + 32 base62 characters) keeps working unchanged', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('legacy');
    net.on(url, () => new Response('ok', { status: 200 }));
    const hook = await registerWebhook(company.key, url);
    const legacySecret = 'whsec_k3VbX9qLm2RtY7wZp4NcJ8hD5sFgA1eU';
    await db(env.DB).update(schema.webhooks).set({ secret: legacySecret }).where(eq(schema.webhooks.id, hook.id));
    const call = await seedCall(callResult(bot.id));

    await runQueue(QUEUE, [message({ callId: call.id })]);
    const [sent] = net.to(url);
    expect(receive(legacySecret, sent!).data).toMatchObject({ call_id: call.id });
  });
});
