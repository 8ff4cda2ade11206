import { describe, expect, it } from 'vitest';
import { salonWithCalendar } from './booking-support.ts';
import { ADMIN_KEY, api, createCompany, scenarioText } from './support.ts';

const cookieOf = (headers: Headers) => headers.get('set-cookie')?.split(';')[0] ?? '';

async function owner(email = `owner-${crypto.randomUUID().slice(0, 8)}@salon.test`, password = 'пароль-владельца-1') {
  const company = await createCompany();
  const made = await api('POST', `/companies/${company.id}/users`, { key: ADMIN_KEY, body: { email, role: 'admin', password } });
  expect(made.status).toBe(201);
  return { company, email, password };
}

async function signIn(email: string, password: string) {
  const res = await api('POST', '/panel/sign-in', { body: { email, password } });
  return { ...res, cookie: cookieOf(res.headers) };
}

// PBKDF2 (100 000 iterations per sign-in) and whole test calls: generous timeouts for a loaded 2-core machine.
describe('panel sign-in: people get a session cookie, machines keep API keys', { timeout: 30_000 }, () => {
  it('signs in with e-mail and password; the cookie is HttpOnly, Secure, SameSite=Strict and expires', async () => {
    const { company, email, password } = await owner();
    const res = await signIn(email.toUpperCase(), password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { email, role: 'admin', status: 'active' }, company: { id: company.id } });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Max-Age=43200/);
    expect(JSON.stringify(res.body)).not.toContain(password);

    // The session reads the company's data through the public API, without a key.
    const bots = await api('GET', `/companies/${company.id}/bots`, { headers: { cookie: res.cookie } });
    expect(bots.status).toBe(200);
    const me = await api('GET', '/panel/session', { headers: { cookie: res.cookie } });
    expect(me.body.csrf_token).toBe(res.body.csrf_token);
  });

  it('writes with the cookie need the CSRF token; a forged cookie or a signed-out session gets nothing', async () => {
    const { company, email, password } = await owner();
    const { cookie, body } = await signIn(email, password);
    const noCsrf = await api('POST', `/companies/${company.id}/api-keys`, { headers: { cookie }, body: { name: 'crm' } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf_failed');
    const withCsrf = await api('POST', `/companies/${company.id}/api-keys`, { headers: { cookie, 'x-csrf-token': body.csrf_token }, body: { name: 'crm' } });
    expect(withCsrf.status).toBe(201);

    const forged = cookie.replace(/\.[0-9a-f]+$/, '.00');
    expect((await api('GET', `/companies/${company.id}/bots`, { headers: { cookie: forged } })).status).toBe(401);
    expect((await api('POST', '/panel/sign-out', { headers: { cookie, 'x-csrf-token': body.csrf_token } })).status).toBe(204);
    expect((await api('GET', `/companies/${company.id}/bots`, { headers: { cookie } })).status).toBe(401);
  });

  it('a session sees only its own company', async () => {
    const { email, password } = await owner();
    const other = await createCompany('Другая компания');
    const { cookie } = await signIn(email, password);
    expect((await api('GET', `/companies/${other.id}/bots`, { headers: { cookie } })).status).toBe(404);
  });

  it('wrong passwords are limited: after five failures even the right one waits', async () => {
    const { email, password } = await owner();
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'не-тот-пароль')).status).toBe(401);
    const limited = await signIn(email, password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // an unknown e-mail answers like a wrong password
    expect((await signIn('nobody@salon.test', password)).status).toBe(401);
  });

  it('an admin invites a person; the invite link sets a password once; members cannot manage people', async () => {
    const { company, email, password } = await owner();
    const admin = await signIn(email, password);
    const auth = { cookie: admin.cookie, 'x-csrf-token': admin.body.csrf_token };
    const invited = await api('POST', `/companies/${company.id}/users`, { headers: auth, body: { email: `master-${company.id}@salon.test` } });
    expect(invited.status).toBe(201);
    expect(invited.body.user).toMatchObject({ role: 'member', status: 'invited' });
    const token = invited.body.invite_url.split('/invite/')[1];
    expect((await api('POST', '/panel/invites/accept', { body: { token, password: 'short' } })).status).toBe(422);
    const accepted = await api('POST', '/panel/invites/accept', { body: { token, password: 'новый-пароль-мастера', name: 'Ольга' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ name: 'Ольга', status: 'active' });
    expect((await api('POST', '/panel/invites/accept', { body: { token, password: 'ещё-один-пароль' } })).status).toBe(404);

    const member = { cookie: cookieOf(accepted.headers), 'x-csrf-token': accepted.body.csrf_token };
    expect((await api('POST', `/companies/${company.id}/users`, { headers: member, body: { email: 'x@salon.test' } })).status).toBe(403);
    expect((await api('POST', `/companies/${company.id}/api-keys`, { headers: member, body: { name: 'моя интеграция' } })).status).toBe(403);
    expect((await api('GET', `/companies/${company.id}/api-keys`, { headers: member })).status).toBe(200);
    const dup = await api('POST', `/companies/${company.id}/users`, { headers: auth, body: { email } });
    expect(dup.status).toBe(409);

    // removing the member ends their session
    const list = await api('GET', `/companies/${company.id}/users`, { headers: auth });
    const memberId = list.body.users.find((u: any) => u.role === 'member').id;
    expect((await api('DELETE', `/companies/${company.id}/users/${memberId}`, { headers: auth })).status).toBe(204);
    expect((await api('GET', `/companies/${company.id}/bots`, { headers: { cookie: member.cookie } })).status).toBe(401);
  });
});

describe('panel test call: typed lines, real calendar, the call stored at the end', { timeout: 30_000 }, () => {
  it('books a slot in the calendar and the finished call shows up in the call list', async () => {
    const { bot, key } = await salonWithCalendar();
    const yaml = `${scenarioText('salon-bot-1.yaml')}\nbooking:\n  provider: builtin\n`;
    expect((await api('PUT', `/bots/${bot.id}/config`, { key, body: yaml, headers: { 'content-type': 'application/yaml' } })).status).toBe(200);
    const say = async (state: string | undefined, text?: string) =>
      (await api('POST', `/bots/${bot.id}/test-call`, { key, body: state ? { state, text } : {} })).body;
    let answer = await say(undefined);
    expect(answer.reply).toMatch(/Здравствуйте/);
    const start = answer.call_id;
    // Next week's Saturday: inside the two-year booking horizon whatever today is.
    for (const line of ['хочу записаться на маникюр', 'в следующую субботу в двенадцать', 'давайте', 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', 'да всё верно']) {
      answer = await say(answer.state, line);
      if (answer.ended) break;
    }
    const booked = await api('GET', `/bots/${bot.id}/appointments`, { key });
    expect(booked.body.appointments).toEqual([expect.objectContaining({ time: '12:00', phone: '+79161234567' })]);
    expect(new Date(`${booked.body.appointments[0].date}T00:00:00Z`).getUTCDay()).toBe(6);
    const hung = await api('POST', `/bots/${bot.id}/test-call`, { key, body: { state: answer.state, hang_up: true } });
    expect(hung.body).toMatchObject({ call_id: start, ended: true, stored: true });
    const calls = await api('GET', `/calls?bot_id=${bot.id}`, { key });
    expect(calls.body.calls.map((c: any) => c.id)).toContain(start);
    const detail = await api('GET', `/calls/${start}`, { key });
    expect(detail.body.transcript.some((t: any) => t.text === 'хочу записаться на маникюр')).toBe(true);
    expect(detail.body.channel ?? 'web').toBe('web');
  });
});

describe('bot config versions', { timeout: 30_000 }, () => {
  it('every saved config is kept; an old one can be put back', async () => {
    const { bot, key } = await salonWithCalendar();
    const v1 = scenarioText('salon-bot-1.yaml');
    const v2 = v1.replace(/greeting: .*/, 'greeting: "Алло, салон Элегант, слушаю вас"');
    expect((await api('PUT', `/bots/${bot.id}/config`, { key, body: v2, headers: { 'content-type': 'application/yaml' } })).status).toBe(200);
    const list = await api('GET', `/bots/${bot.id}/versions`, { key });
    expect(list.body.versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(list.body.versions[0].config.greeting).toBe('Алло, салон Элегант, слушаю вас');
    const back = await api('PUT', `/bots/${bot.id}/config`, { key, body: list.body.versions[1].config });
    expect(back.body).toMatchObject({ config_version: 3, config: { greeting: list.body.versions[1].config.greeting } });
    const other = await createCompany('Чужая');
    expect((await api('GET', `/bots/${bot.id}/versions`, { key: other.key })).status).toBe(404);
  });
});
