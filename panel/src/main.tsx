// The owner's panel: sign-in, then one page per hash route (#/today, #/calls, …) for the company's bots.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken } from './api.ts';
import { Shell } from './shell.tsx';
import { InvitePage, SignInPage } from './pages/sign-in.tsx';
import type { Session } from './types.ts';
import './style.css';

function useHashRoute(): string {
  const [route, setRoute] = useState(location.hash.slice(1) || '/today');
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1) || '/today');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function App() {
  const route = useHashRoute();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const signedIn = (s: Session | null) => {
    if (s) setCsrfToken(s.csrf_token);
    setSession(s);
  };
  useEffect(() => {
    api<Session>('GET', '/panel/session').then(signedIn, () => signedIn(null));
    const out = () => signedIn(null);
    addEventListener('panel:signed-out', out);
    return () => removeEventListener('panel:signed-out', out);
  }, []);

  if (session === undefined) return <div class="boot" aria-busy="true">Загрузка…</div>;
  if (route.startsWith('/invite/')) return <InvitePage token={route.slice('/invite/'.length)} onSignedIn={(s) => { signedIn(s); location.hash = '#/today'; }} />;
  if (!session) return <SignInPage onSignedIn={signedIn} />;
  return <Shell session={session} route={route} onSignedOut={() => signedIn(null)} />;
}

render(<App />, document.getElementById('app')!);
