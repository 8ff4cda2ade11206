import type { Scenario } from '../config/bot-config.ts';
import type { LanguagePack } from './templates/index.ts';

/** Name of the built-in callback request (the CallResult's `scenario` when it ran). */
export const CALLBACK_SCENARIO = 'callback_request';
export const CALLBACK_OUTCOME = 'callback_requested';

const cache = new WeakMap<LanguagePack, Scenario>();

/**
 * The callback request the engine runs when a person is asked for but cannot take the call (no `handoff:`, or
 * outside its hours), or when the caller accepts a callback: name, phone and reason → outcome `callback_requested`.
 * Fields already given in the call (a phone, a name) are not asked again.
 */
export function callbackScenario(pack: LanguagePack): Scenario {
  let scenario = cache.get(pack);
  if (!scenario) {
    const p = pack.phrases.callbackPrompts;
    scenario = {
      name: CALLBACK_SCENARIO,
      trigger_keywords: [],
      collect_fields: [
        { name: 'name', prompt: p.name, type: 'name', required: true },
        { name: 'phone', prompt: p.phone, type: 'phone', required: true },
        { name: 'reason', prompt: p.reason, type: 'text', required: true },
      ],
      on_complete: CALLBACK_OUTCOME,
      use_knowledge_base: false,
      confirm: true,
    };
    cache.set(pack, scenario);
  }
  return scenario;
}
