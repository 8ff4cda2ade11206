export * from './bot-config.ts';
export * from './parse-config.ts';
export * from './schedule.ts';
export * from './reminders-config.ts';
