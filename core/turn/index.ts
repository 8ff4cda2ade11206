export { expectationOf, type TurnExpectation } from './expectation.ts';
export { dictatedDigits, judgeCompleteness, type Completeness, type CompletenessVerdict } from './completeness.ts';
export { isBackchannel, unsaidRest } from './backchannel.ts';
