// The signed-in layout: navigation, the bot picker and the current page (heavier pages load on demand).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { CallPage } from './pages/call.tsx';
import { CallsPage } from './pages/calls.tsx';
import { TodayPage } from './pages/today.tsx';
import type { Bot, Session } from './types.ts';
import { ErrorNote, useLoad } from './ui.tsx';

export interface PageProps {
  session: Session;
  bots: Bot[];
  bot: Bot;
  param: string;
  reloadBots: () => void;
}

const NAV: [string, string][] = [
  ['/today', 'Сегодня'], ['/calls', 'Звонки'], ['/calendar', 'Календарь'], ['/bot', 'Бот'],
  ['/knowledge', 'Знания'], ['/test', 'Тестовый звонок'], ['/settings', 'Настройки'],
];

/** A page module loaded the first time it is opened (keeps the first load small). */
function lazyPage(load: () => Promise<ComponentType<PageProps>>): ComponentType<PageProps> {
  let loaded: ComponentType<PageProps> | null = null;
  return function Lazy(props: PageProps) {
    const [Page, setPage] = useState(() => loaded);
    useEffect(() => {
      if (!Page) void load().then((p) => { loaded = p; setPage(() => p); });
    }, []);
    return Page ? <Page {...props} /> : <div class="boot" aria-busy="true">Загрузка…</div>;
  };
}

const PAGES: Record<string, ComponentType<PageProps>> = {
  '/today': TodayPage,
  '/calls': CallsPage,
  '/call': CallPage,
  '/calendar': lazyPage(() => import('./pages/calendar.tsx').then((m) => m.CalendarPage)),
  '/bot': lazyPage(() => import('./pages/bot.tsx').then((m) => m.BotPage)),
  '/knowledge': lazyPage(() => import('./pages/knowledge.tsx').then((m) => m.KnowledgePage)),
  '/test': lazyPage(() => import('./pages/test-call.tsx').then((m) => m.TestCallPage)),
  '/settings': lazyPage(() => import('./pages/settings.tsx').then((m) => m.SettingsPage)),
};

export function Shell({ session, route, onSignedOut }: { session: Session; route: string; onSignedOut: () => void }) {
  const bots = useLoad(() => api<{ bots: Bot[] }>('GET', `/companies/${session.company.id}/bots`).then((r) => r.bots), [session.company.id]);
  const [botId, setBotId] = useState(() => localStorage.getItem('panel.bot') ?? '');
  const [base, param = ''] = splitRoute(route);
  const list = bots.data ?? [];
  const bot = list.find((b) => b.id === botId) ?? list[0];
  const Page = PAGES[base] ?? TodayPage;
  const pick = (id: string) => {
    localStorage.setItem('panel.bot', id);
    setBotId(id);
  };
  const signOut = async () => {
    await api('POST', '/panel/sign-out').catch(() => null);
    onSignedOut();
  };
  return (
    <div class="shell">
      <a class="skip" href="#main">К содержимому</a>
      <header class="top">
        <div class="brand">{session.company.name}</div>
        <label class="bot-pick">
          <span class="label">Бот</span>
          <select aria-label="Бот" value={bot?.id ?? ''} onChange={(e) => pick((e.target as HTMLSelectElement).value)}>
            {list.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </label>
        <span class="who">{session.user.email}</span>
        <button type="button" class="link" onClick={signOut}>Выйти</button>
      </header>
      <nav class="nav" aria-label="Разделы">
        {NAV.map(([href, label]) => (
          <a key={href} href={`#${href}`} aria-current={base === href || (href === '/calls' && base === '/call') ? 'page' : undefined}>{label}</a>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <ErrorNote error={bots.error} />
        {bot ? <Page session={session} bots={list} bot={bot} param={param} reloadBots={bots.reload} /> : !bots.loading && <p>У компании пока нет ботов.</p>}
      </main>
    </div>
  );
}

function splitRoute(route: string): [string, string?] {
  const m = /^(\/[a-z-]+)(?:\/(.+))?$/.exec(route);
  return m ? [m[1]!, m[2]] : ['/today'];
}
