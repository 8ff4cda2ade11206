import { and, eq, isNull, like } from 'drizzle-orm';
import { BotConfigSchema, type BotConfig } from '../../core/config/index.ts';
import { reminderTiming, type ReminderTiming } from '../../core/reminders/schedule.ts';
import { schema, type Db } from '../db/client.ts';

/** A bot that places reminder calls: its row, its parsed config (with `reminders` and `booking`) and timing. */
export interface ReminderBot {
  id: string;
  companyId: string;
  configJson: string;
  config: BotConfig & { reminders: NonNullable<BotConfig['reminders']>; booking: NonNullable<BotConfig['booking']> };
  timing: ReminderTiming;
}

/** The bot's reminder settings, or null when it places no reminder calls (none configured, switched off, no booking system). */
export function reminderBot(row: { id: string; companyId: string; configJson: string }): ReminderBot | null {
  const parsed = BotConfigSchema.safeParse(JSON.parse(row.configJson));
  if (!parsed.success) return null;
  const config = parsed.data;
  if (!config.reminders?.enabled || !config.booking) return null;
  return { ...row, config: config as ReminderBot['config'], timing: reminderTiming(config.reminders) };
}

/** Live bots whose configs mention reminders (the JSON filter keeps the cron from parsing every config). */
export async function reminderBots(d: Db, companyId?: string): Promise<ReminderBot[]> {
  const b = schema.bots;
  const rows = await d.select({ id: b.id, companyId: b.companyId, configJson: b.configJson }).from(b)
    .where(and(isNull(b.deletedAt), like(b.configJson, '%"reminders"%'), companyId ? eq(b.companyId, companyId) : undefined)).all();
  return rows.map(reminderBot).filter((x): x is ReminderBot => x !== null);
}
