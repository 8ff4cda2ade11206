import { eq } from 'drizzle-orm';
import { schema, type Db } from '../db/client.ts';
import { NOTIFICATION_EVENTS, type NotificationEvent } from './events.ts';

/** A company's notification settings; a channel is off while its target is null. */
export interface NotificationSettings {
  telegram: { chatId: string; events: NotificationEvent[] } | null;
  sms: { sender: string; events: NotificationEvent[] } | null;
}

const events = (json: string): NotificationEvent[] => {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.filter((e): e is NotificationEvent => (NOTIFICATION_EVENTS as readonly unknown[]).includes(e)) : [];
  } catch {
    return [];
  }
};

export async function loadNotificationSettings(d: Db, companyId: string): Promise<NotificationSettings> {
  const row = await d.select().from(schema.notificationSettings).where(eq(schema.notificationSettings.companyId, companyId)).get();
  return {
    telegram: row?.telegramChatId ? { chatId: row.telegramChatId, events: events(row.telegramEventsJson) } : null,
    sms: row?.smsSender ? { sender: row.smsSender, events: events(row.smsEventsJson) } : null,
  };
}

export async function saveNotificationSettings(d: Db, companyId: string, s: NotificationSettings): Promise<void> {
  const values = {
    telegramChatId: s.telegram?.chatId ?? null,
    telegramEventsJson: JSON.stringify(s.telegram?.events ?? []),
    smsSender: s.sms?.sender ?? null,
    smsEventsJson: JSON.stringify(s.sms?.events ?? []),
    updatedAt: Date.now(),
  };
  await d.insert(schema.notificationSettings).values({ companyId, ...values })
    .onConflictDoUpdate({ target: schema.notificationSettings.companyId, set: values });
}
