export { createDialog, dialogTurn, stepText } from './dialog.ts';
export type {
  DialogAction,
  DialogContext,
  DialogInput,
  DialogOptions,
  DialogPhase,
  DialogState,
  DialogStep,
  FieldValue,
} from './types.ts';
export { fieldKind, type FieldKind } from './field-kind.ts';
export { formatDateForSpeech, formatPhoneForSpeech, formatValueForSpeech } from './speech-format.ts';
export { languagePack, type CompletionKind, type LanguagePack } from './templates/index.ts';
export { ru } from './templates/ru.ts';
export { runConfigTest, runConfigTests, type ConfigTestResult, type TestBookingSystem, type TestLine } from './config-tests.ts';
export { driveTurn, type DrivenTurn, type TurnServices } from './drive.ts';
export { CALLBACK_SCENARIO, CALLBACK_OUTCOME } from './callback-scenario.ts';
export { BOOKING_ID_FIELD, CALLBACK_REASON_FIELD } from './handlers/booking.ts';
export { answeredByMachine, callTurn, createReminderDialog, reminderVoicemail, VOICEMAIL_REASON_FIELD } from './reminder.ts';
export { isReminderState, REMINDER_ID_FIELD, REMINDER_OUTCOMES, ReminderCallSchema, type ReminderCall, type ReminderDialogState } from './reminder-call.ts';
export { callNotices, greetingWithNotice, splitNotices } from './notices.ts';
export { dtmfUtterance } from './dtmf.ts';
