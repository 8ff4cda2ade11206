// Settings: the company's API keys (for machines) and the people who sign in to the panel.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Field, fmtDateTime, useAction, useLoad } from '../ui.tsx';

interface Key { id: string; name: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null }
interface Person { id: string; email: string; name: string | null; role: string; status: string; last_sign_in_at: string | null }

export function PeopleSection({ companyId, isAdmin, selfId }: { companyId: string; isAdmin: boolean; selfId: string }) {
  const keys = useLoad(() => api<{ api_keys: Key[] }>('GET', `/companies/${companyId}/api-keys`).then((r) => r.api_keys), [companyId]);
  const people = useLoad(() => api<{ users: Person[] }>('GET', `/companies/${companyId}/users`).then((r) => r.users), [companyId]);
  const [keyName, setKeyName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('member');
  const keyAct = useAction();
  const userAct = useAction();
  return (
    <>
      <section aria-labelledby="keys-h" class="card">
        <h2 id="keys-h">API-ключи</h2>
        <p class="muted">Для программ и интеграций; люди входят по e-mail и паролю.</p>
        <ul>
          {keys.data?.map((k) => (
            <li key={k.id}><code>{k.prefix}…</code> {k.name} · создан {fmtDateTime(k.created_at)}{k.revoked_at ? ' · отозван' : isAdmin && <> <button type="button" class="link" onClick={() => keyAct.run(() => api('DELETE', `/companies/${companyId}/api-keys/${k.id}`), 'Ключ отозван').then(keys.reload)}>отозвать</button></>}</li>
          ))}
        </ul>
        {isAdmin && <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void keyAct.run(() => api<{ key: string }>('POST', `/companies/${companyId}/api-keys`, keyName ? { name: keyName } : {}), (r) => `Новый ключ (показывается один раз): ${r.key}`).then(keys.reload); }}>
          <Field label="Название ключа"><input value={keyName} onInput={(e) => setKeyName((e.target as HTMLInputElement).value)} /></Field>
          <button type="submit" class="secondary">Выпустить ключ</button>
        </form>}
        {keyAct.view}
      </section>
      <section aria-labelledby="people-h" class="card">
        <h2 id="people-h">Пользователи панели</h2>
        <ul>
          {people.data?.map((p) => (
            <li key={p.id}>{p.name ?? p.email} ({p.email}) · {p.role === 'admin' ? 'администратор' : 'сотрудник'} · {p.status === 'invited' ? 'приглашён' : p.last_sign_in_at ? `входил ${fmtDateTime(p.last_sign_in_at)}` : 'активен'}
              {isAdmin && p.id !== selfId && <> <button type="button" class="link" onClick={() => userAct.run(() => api('DELETE', `/companies/${companyId}/users/${p.id}`), 'Удалён').then(people.reload)}>удалить</button></>}
            </li>
          ))}
        </ul>
        {isAdmin && (
          <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void userAct.run(() => api<{ invite_url: string }>('POST', `/companies/${companyId}/users`, { email, role }), (r) => `Отправьте человеку ссылку-приглашение (действует 7 дней): ${r.invite_url}`).then(people.reload); }}>
            <Field label="E-mail"><input type="email" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} /></Field>
            <Field label="Роль">
              <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
                <option value="member">Сотрудник</option><option value="admin">Администратор</option>
              </select>
            </Field>
            <button type="submit" class="secondary">Пригласить</button>
          </form>
        )}
        {userAct.view}
      </section>
    </>
  );
}
