import { describe, expect, it } from 'vitest';
import { createDialog, dialogTurn, type DialogAction, type DialogInput, type DialogState } from '../../../core/engine/index.ts';
import { loadConfig, NOW } from './harness.ts';

// A transfer the host could not carry out (LiveKit refused the REFER, it timed out, no SIP caller):
// the host answers the `transfer` action with `transfer_failed` and the call goes on as a callback request.
const salon = loadConfig('salon-bot-1');
const FAILED = 'Не получилось соединить с администратором. Давайте я запишу ваше имя и номер, и вам перезвонят.';

function call(opts: { caller?: string } = {}) {
  let state: DialogState = createDialog(salon, opts.caller ? { callerNumber: opts.caller } : {});
  const play = (input: DialogInput): DialogAction[] => {
    const step = dialogTurn(salon, Object.freeze(JSON.parse(JSON.stringify(state))) as DialogState, input, { now: NOW });
    state = step.state;
    return step.actions;
  };
  const say = (text: string) => play({ type: 'speech', text });
  play({ type: 'start' });
  return { play, say, state: () => state };
}

const spoken = (actions: DialogAction[]) => actions.map((a) => (a.type === 'say' ? a.text : '')).join('');

describe('a transfer to a person that fails', () => {
  it('reopens the call as a callback request: name, number, reason → callback_requested', () => {
    const c = call();
    const handoff = c.say('ну соедините меня с администратором');
    expect(handoff.map((a) => a.type)).toEqual(['say', 'transfer', 'end']);
    expect(handoff[1]).toEqual({ type: 'transfer', to: '+74951234567' });
    expect(c.state()).toMatchObject({ phase: 'ended', endedBy: 'transfer', outcome: 'transferred' });

    const fallback = c.play({ type: 'transfer_failed' });
    expect(fallback.map((a) => a.type)).toEqual(['say']);
    expect(spoken(fallback)).toBe(`${FAILED} Как к вам обращаться?`);
    expect(c.state()).toMatchObject({ phase: 'collecting', endedBy: null, outcome: null, scenario: 'callback_request' });

    expect(spoken(c.say('эээ марина'))).toBe('По какому номеру вам перезвонить?');
    expect(spoken(c.say('восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь'))).toContain('по какому вопросу');
    const check = spoken(c.say('ну хотела узнать можно ли перенести запись на субботу'));
    expect(check).toContain('Марина');
    c.say('да всё верно');
    expect(c.state()).toMatchObject({
      outcome: 'callback_requested',
      scenario: 'callback_request',
      fields: { name: 'Марина', phone: '+79161234567', reason: expect.stringContaining('перенести запись') },
    });
  });

  it('keeps a booking made before and asks a second "соедините" for a callback, not another transfer', () => {
    const c = call({ caller: '+79161234567' });
    c.say('хочу записаться на маникюр в пятницу');
    expect(c.say('а можно всё-таки с живым человеком').map((a) => a.type)).toEqual(['say', 'transfer', 'end']);
    const fallback = spoken(c.play({ type: 'transfer_failed' }));
    expect(fallback.startsWith(FAILED)).toBe(true);
    expect(c.state().fields).toMatchObject({ service: 'маникюр', date: '2026-11-27' });
    const again = c.say('короче соедините с менеджером');
    expect(again.some((a) => a.type === 'transfer')).toBe(false);
    expect(c.state()).toMatchObject({ phase: 'collecting', scenario: 'callback_request', endedBy: null });
  });

  it('is ignored when no transfer was asked for, and after a call that ended otherwise', () => {
    const c = call();
    expect(c.play({ type: 'transfer_failed' })).toEqual([]);
    expect(c.state().phase).toBe('open');
    c.say('всё спасибо до свидания');
    expect(c.state().phase).toBe('ended');
    expect(c.play({ type: 'transfer_failed' })).toEqual([]);
    expect(c.state().phase).toBe('ended');
  });
});
