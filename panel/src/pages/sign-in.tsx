// Sign-in with e-mail and password, and the invite page where a new person sets theirs.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import type { Session } from '../types.ts';
import { ErrorNote, Field } from '../ui.tsx';

const issueFor = (error: unknown, path: string) =>
  error instanceof ApiError ? (error.details.find((d) => d.path.endsWith(path))?.message ?? null) : null;

export function SignInPage({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api<Session>('POST', '/panel/sign-in', { email, password }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? new Error('Неверный e-mail или пароль.') : err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="auth">
      <form class="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Вход в панель</h1>
        <Field label="E-mail" error={issueFor(error, 'email')}>
          <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label="Пароль">
          <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </Field>
        {!(error instanceof ApiError && error.status === 422) && <ErrorNote error={error} />}
        <button type="submit" disabled={busy}>{busy ? 'Входим…' : 'Войти'}</button>
      </form>
    </main>
  );
}

export function InvitePage({ token, onSignedIn }: { token: string; onSignedIn: (s: Session) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      onSignedIn(await api<Session>('POST', '/panel/invites/accept', { token, password, ...(name ? { name } : {}) }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <main class="auth">
      <form class="card" onSubmit={submit} aria-labelledby="invite-title">
        <h1 id="invite-title">Приглашение в панель</h1>
        <p>Придумайте пароль — не короче восьми символов.</p>
        <Field label="Ваше имя">
          <input name="name" autoComplete="name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label="Пароль" error={issueFor(error, 'password')}>
          <input type="password" name="password" autoComplete="new-password" required minLength={8} value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </Field>
        <ErrorNote error={error instanceof ApiError && error.status === 404 ? new Error('Приглашение не найдено, уже использовано или истекло.') : error} />
        <button type="submit">Сохранить и войти</button>
      </form>
    </main>
  );
}
